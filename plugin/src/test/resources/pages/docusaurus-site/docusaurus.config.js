// A minimal Docusaurus site for the fwdocs page tests (SiteBuildTest): the docs plugin only, with the docusaurus
// pages copied under docs/firewall/; every broken link, anchor or duplicate route fails the build.
module.exports = {
  title: 'fwdocs page test',
  url: 'https://docs.example.org',
  baseUrl: '/',
  onBrokenLinks: 'throw',
  onBrokenAnchors: 'throw',
  onDuplicateRoutes: 'throw',
  markdown: {hooks: {onBrokenMarkdownLinks: 'throw', onBrokenMarkdownImages: 'throw'}},
  // Docusaurus Faster (Rspack, SWC): the build takes about a third of the time.
  future: {faster: true, v4: true},
  presets: [
    ['classic', {
      docs: {routeBasePath: '/'},
      blog: false,
      pages: false,
    }],
  ],
};
