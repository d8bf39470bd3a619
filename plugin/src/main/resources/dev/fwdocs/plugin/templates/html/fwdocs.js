/* fwdocs site script. Shipped with the fwdocs Maven plugin; to change it, put your own html/fwdocs.js in the fwdocs
   template folder. Every page works without it: it adds ARIA tabs that remember the reader's distro, copy buttons,
   the role picker and the filter over the port table, and keeps the anchor when switching versions. */
(function () {
  'use strict';

  var DISTRO_KEY = 'fwdocs.distro';

  function load(key) {
    try { return window.localStorage.getItem(key); } catch (e) { return null; }
  }

  function save(key, value) {
    try { window.localStorage.setItem(key, value); } catch (e) { /* storage off: the choice lasts for this page */ }
  }

  /* ---- Distro tabs ---- */

  var groups = [];

  function select(group, value, focus) {
    var found = false;
    group.tabs.forEach(function (t) {
      var on = t.input.value === value;
      found = found || on;
    });
    if (!found) { return false; }
    group.tabs.forEach(function (t) {
      var on = t.input.value === value;
      t.input.checked = on;
      t.button.setAttribute('aria-selected', on ? 'true' : 'false');
      t.button.tabIndex = on ? 0 : -1;
      if (on && focus) { t.button.focus(); }
    });
    return true;
  }

  function choose(value) {
    save(DISTRO_KEY, value);
    groups.forEach(function (g) { select(g, value, false); });
  }

  function enhanceTabs(root, index) {
    var inputs = Array.prototype.slice.call(root.querySelectorAll(':scope > .fw-tab-input'));
    if (inputs.length === 0) { return; }
    var list = document.createElement('div');
    list.className = 'fw-tablist';
    list.setAttribute('role', 'tablist');
    list.setAttribute('aria-label', 'Distribution');
    var group = { root: root, tabs: [] };
    inputs.forEach(function (input) {
      var label = root.querySelector('label[for="' + input.id + '"]');
      var panel = document.getElementById(input.id + '-panel');
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'fw-tab';
      button.id = input.id + '-tab';
      button.setAttribute('role', 'tab');
      button.setAttribute('aria-controls', panel.id);
      button.textContent = label.textContent;
      panel.setAttribute('role', 'tabpanel');
      panel.setAttribute('aria-labelledby', button.id);
      panel.tabIndex = 0;
      button.addEventListener('click', function () {
        select(group, input.value, false);
        choose(input.value);
      });
      list.appendChild(button);
      group.tabs.push({ input: input, button: button });
    });
    list.addEventListener('keydown', function (e) {
      var i = group.tabs.findIndex(function (t) { return t.button === document.activeElement; });
      if (i < 0) { return; }
      var n = group.tabs.length;
      var next = { ArrowRight: (i + 1) % n, ArrowLeft: (i + n - 1) % n, Home: 0, End: n - 1 }[e.key];
      if (next === undefined) { return; }
      e.preventDefault();
      var value = group.tabs[next].input.value;
      select(group, value, true);
      choose(value);
    });
    root.insertBefore(list, root.firstChild);
    root.classList.add('fw-js');
    var checked = inputs.filter(function (x) { return x.checked; })[0] || inputs[0];
    select(group, checked.value, false);
    groups.push(group);
  }

  function tabs() {
    Array.prototype.forEach.call(document.querySelectorAll('.fw-tabs'), enhanceTabs);
    var saved = load(DISTRO_KEY);
    if (saved) {
      groups.forEach(function (g) { select(g, saved, false); });
    }
  }

  /* ---- Copy buttons ---- */

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      var area = document.createElement('textarea');
      area.value = text;
      area.setAttribute('readonly', '');
      area.className = 'fw-offscreen';
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
      document.body.removeChild(area);
      if (ok) { resolve(); } else { reject(new Error('copy refused')); }
    });
  }

  function copyButtons() {
    Array.prototype.forEach.call(document.querySelectorAll('.fw-copy'), function (button) {
      var code = button.parentNode.querySelector('code');
      button.hidden = false;
      button.addEventListener('click', function () {
        copyText(code.textContent).then(function () {
          button.textContent = 'Copied';
        }, function () {
          button.textContent = 'Select and copy';
        });
        window.setTimeout(function () { button.textContent = 'Copy'; }, 2000);
      });
    });
  }

  /* ---- Version switcher: keep the anchor (#rule-ID) on the other version's page ---- */

  function versionLinks() {
    Array.prototype.forEach.call(document.querySelectorAll('a.fw-version'), function (a) {
      a.addEventListener('click', function () {
        var hash = window.location.hash;
        if (hash && a.getAttribute('href').indexOf('#') < 0) {
          a.setAttribute('href', a.getAttribute('href') + hash);
        }
      });
    });
  }

  /* ---- Role picker and filter over the port table ---- */

  function words(s) {
    return (s || '').split(/\s+/).filter(function (w) { return w.length > 0; });
  }

  function ranges(s) {
    return words(s).map(function (w) {
      var parts = w.split('-');
      return [parseInt(parts[0], 10), parseInt(parts[parts.length - 1], 10)];
    });
  }

  function matches(row, token) {
    var range = /^(\d+)(?:-(\d+))?$/.exec(token);
    if (range) {
      var lo = parseInt(range[1], 10);
      var hi = range[2] ? parseInt(range[2], 10) : lo;
      return row.ports.some(function (r) { return r[0] <= hi && lo <= r[1]; });
    }
    return row.protocols.indexOf(token) >= 0 || row.roles.indexOf(token) >= 0 || row.text.indexOf(token) >= 0;
  }

  function portTable() {
    var table = document.querySelector('table.fw-ports');
    var tools = document.querySelector('.fw-tools');
    if (!table || !tools) { return; }
    var rows = Array.prototype.map.call(table.tBodies[0].rows, function (tr) {
      var inbound = words(tr.getAttribute('data-in'));
      var outbound = words(tr.getAttribute('data-out'));
      return {
        tr: tr,
        roles: inbound.concat(outbound),
        ports: ranges(tr.getAttribute('data-ports')),
        protocols: words(tr.getAttribute('data-protocols')),
        text: tr.textContent.toLowerCase()
      };
    });
    var picks = Array.prototype.slice.call(tools.querySelectorAll('input.fw-pick'));
    var filter = tools.querySelector('input[type="search"]');
    var count = tools.querySelector('.fw-count');
    var sections = Array.prototype.slice.call(document.querySelectorAll('section.fw-role'));

    function apply() {
      var chosen = picks.filter(function (p) { return p.checked; }).map(function (p) { return p.value; });
      var tokens = words(filter.value.toLowerCase());
      var shown = 0;
      rows.forEach(function (row) {
        var visible = (chosen.length === 0 || chosen.some(function (c) { return row.roles.indexOf(c) >= 0; }))
          && tokens.every(function (t) { return matches(row, t); });
        row.tr.hidden = !visible;
        if (visible) { shown++; }
      });
      sections.forEach(function (s) {
        s.hidden = chosen.length > 0 && chosen.indexOf(s.getAttribute('data-role')) < 0;
      });
      count.textContent = (chosen.length === 0 && tokens.length === 0) ? ''
        : 'Showing ' + shown + ' of ' + rows.length + (rows.length === 1 ? ' flow' : ' flows')
          + (chosen.length > 0 ? ', and the commands of the chosen roles below.' : '.');
    }

    picks.forEach(function (p) { p.addEventListener('change', apply); });
    filter.addEventListener('input', apply);
    tools.hidden = false;
    apply();
  }

  tabs();
  copyButtons();
  versionLinks();
  portTable();
}());
