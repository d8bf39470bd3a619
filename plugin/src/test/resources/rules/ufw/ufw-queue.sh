#!/bin/bash
# ufw-queue.sh runner RUNNER | script SCRIPT queued|call-by-call: inside the sandbox (ufw-sandbox.sh), ufw enabled.
#   runner: the ufw script's queue runner (FWDOCS_UFW_PY, in the file RUNNER) on its own: items that end in a
#           failing call, items that all succeed, and a ufw that is not Python; prints each run's output, exit code
#           and the rules ufw holds after it.
#   script: SCRIPT applied, applied with other sources (its rules replaced, its shared ones updated), and undone,
#           with ufw as installed (queued: the script's calls go through the runner) or behind a shell wrapper
#           (call-by-call: not Python, so the script runs its calls one by one; each wrapper call is logged).
#           Prints each run's output and ufw's rules after it, then the wrapper's calls.
set -eu
mode=$1
file=$2
w=$(mktemp -d /run/fwdocs-queue.XXXXXX)
ufw --force enable >/dev/null
ufw allow 22/tcp >/dev/null
t=$(printf '\t')
rules() {
	/usr/sbin/ufw status numbered | grep '^\['
}
if [ "$mode" = runner ]; then
	printf '#!/bin/sh\nexec /usr/sbin/ufw "$@"\n' >"$w/ufw"
	chmod +x "$w/ufw"
	run() {
		local rc=0
		/usr/bin/python3 "$file" "$@" >"$w/out" 2>"$w/err" || rc=$?
		echo "=== exit $rc"
		cat "$w/out"
		echo "=== stderr"
		cat "$w/err"
		echo "=== rules"
		rules
	}
	echo "### fails"
	run /usr/sbin/ufw "say one" "ufw + ufw allow 7001/tcp${t}allow${t}7001/tcp${t}comment${t}fwdq a" \
		"say two" "ufw + ufw allow 7002/bogus${t}allow${t}7002/bogus" "ufw + ufw allow 7003/tcp${t}allow${t}7003/tcp"
	echo "### alone"
	rc=0
	ufw allow 7002/bogus >/dev/null 2>&1 || rc=$?
	echo "=== exit $rc"
	echo "### succeeds"
	run /usr/sbin/ufw "ufw + ufw allow 7003/tcp${t}allow${t}7003/tcp" "say three" \
		"ufw + ufw --force delete 2${t}--force${t}delete${t}2"
	echo "### not python"
	run "$w/ufw" "say four" "ufw + ufw allow 7004/tcp${t}allow${t}7004/tcp"
	exit 0
fi
how=$3
if [ "$how" = call-by-call ]; then
	mkdir "$w/bin"
	printf '#!/bin/sh\nprintf "%%s\\n" "$*" >>%s/calls\nexec /usr/sbin/ufw "$@"\n' "$w" >"$w/bin/ufw"
	chmod +x "$w/bin/ufw"
	PATH=$w/bin:$PATH
	: >"$w/calls"
fi
step() {
	echo "### $*"
	local rc=0
	sh "$script" "$@" >"$w/out" 2>&1 || rc=$?
	echo "=== exit $rc"
	cat "$w/out"
	echo "=== rules"
	rules
}
script=$file
# a rule of another fwdocs script equal to one of this script's: shared, its comment updated in place
/usr/sbin/ufw allow in proto tcp from 10.88.0.0/16 to any port 7946 comment 'fwdocs other role gossip in tcp/7946 10.88.0.0/16' \
	>/dev/null
step --from-agent=10.77.0.0/16 --from-server=10.1.0.0/16,fd00:1::/64 --port-api=40001
step --from-agent=10.78.0.0/24 --from-server=10.88.0.0/16 --port-api=40002
step --undo
if [ "$how" = call-by-call ]; then
	echo "### wrapper calls"
	cat "$w/calls"
fi
