# pipeline statuses: last command by default, set -o pipefail takes the last failing one, ! negation, PIPESTATUS absent
false | true; echo "default $?"
set -o pipefail
false | true; echo "pipefail $?"
(exit 2) | (exit 3) | true; echo "rightmost failure $?"
(exit 2) | true | true; echo "first failure $?"
true | true; echo "all ok $?"
! false | true; echo "negated $?"
set -o | grep pipefail
set +o pipefail
(exit 2) | true; echo "off again $?"
yes | head -1; echo "yes killed by SIGPIPE, status $?"
set -o pipefail; yes | head -1 > /dev/null; echo "SIGPIPE under pipefail $?"; set +o pipefail
