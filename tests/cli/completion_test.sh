#!/usr/bin/env bash
# The bash completion of nes, as bash-completion loads it: subcommands, a
# command's options, an option's values. Usage: completion_test.sh COMPLETION_FILE
set -euo pipefail
source /usr/share/bash-completion/bash_completion
source "$1"
complete_words() {  # WORDS...: the replies for the last word
  COMP_WORDS=("$@")
  COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
  COMP_LINE="${COMP_WORDS[*]}"
  COMP_POINT=${#COMP_LINE}
  COMPREPLY=()
  _nes
  echo "${COMPREPLY[*]}"
}
expect() {  # WANTED REPLY
  [[ " $2 " == *" $1 "* ]] || { echo "completion: '$1' not in '$2'" >&2; exit 1; }
}
expect resume "$(complete_words nes re)"
expect --approve "$(complete_words nes apply --app)"
expect wet "$(complete_words nes apply --approve "")"
expect en "$(complete_words nes --lang "")"
expect --password-dir "$(complete_words nes resume --password-)"
expect --excel "$(complete_words nes prefill --ex)"
expect trace "$(complete_words nes --log-level t)"
expect officer "$(complete_words nes off)"
expect sign "$(complete_words nes officer s)"
expect --exclude "$(complete_words nes officer sign --ex)"
expect --registry "$(complete_words nes officer upload --reg)"
echo "completion: subcommands, options and values complete"
