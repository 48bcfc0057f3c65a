# bash completion for nes (NES SDK): subcommands, their options, and files
# and folders where an option takes one.
_nes() {
  local cur prev words cword
  _init_completion || return
  local commands="apply resume status journal cancel fees debt prefill validate card token officer certificates renew e-onay help"
  local global="--lang --verbose --log-level --help --version"
  local apply_options="--portal --approve --ca-file --journal --password-file --password-dir --otp-command --access-code-file --module
    --token-label --token-serial --certificate-id --pin-file --tsa --tsa-customer --tsa-password-file --tsa-ca --signer-ca --ocsp --pdf
    --font --save-document --save-signature --json --help"
  case $prev in
    --lang) COMPREPLY=($(compgen -W "tr en" -- "$cur")); return ;;
    --log-level) COMPREPLY=($(compgen -W "error warning info debug trace" -- "$cur")); return ;;
    --approve) COMPREPLY=($(compgen -W "pkcs11 wet e-onay" -- "$cur")); return ;;
    --password-dir|--out) _filedir -d; return ;;
    --form|--ca-file|--journal|--password-file|--pin-file|--pdf|--font|--save-document|--save-signature|--module|\
    --registry|--catalogue|--tsa-password-file|--tsa-ca|--signer-ca|--access-code-file) _filedir; return ;;
  esac
  local command="" i
  for ((i = 1; i < cword; i++)); do
    case ${words[i]} in
      --lang|--log-level) ((i++)) ;;
      -*) ;;
      *) command=${words[i]}; break ;;
    esac
  done
  local options
  case $command in
    "") COMPREPLY=($(compgen -W "$commands $global" -- "$cur")); return ;;
    help) COMPREPLY=($(compgen -W "$commands" -- "$cur")); return ;;
    apply) options="--form --esign-login $apply_options" ;;
    resume) options="--id --tckn --esign-login $apply_options" ;;
    status) options="--live --journal --ca-file --password-file --password-dir --json --help" ;;
    journal) options="show edit forget --journal --json --help --first-name --last-name --mobile-phone --email --unit
      --work-phone --extension --address-line --district --province --postal-code" ;;
    cancel) options="--id $apply_options" ;;
    fees) options="--portal --ca-file --json --help" ;;
    debt) options="--portal --tckn --ca-file --json --help" ;;
    renew) options="--check --serial --form --hook --tckn --esign-login $apply_options" ;;
    certificates)
      options="list suspend unsuspend revoke puk --portal --tckn --password-file --ca-file --journal --json --help"
      case " ${words[*]} " in
        *" suspend "*|*" unsuspend "*|*" revoke "*) options="--serial --reason --yes --otp-command $options" ;;
        *" puk "*) options="--serial --out --security-word-file --otp-command $options" ;;
      esac ;;
    e-onay) options="status give withdraw --portal --tckn --password-file --ca-file --journal --json --help
      --module --token-label --token-serial --certificate-id --pin-file --tsa --tsa-customer --tsa-password-file
      --tsa-ca --signer-ca --ocsp" ;;
    prefill) options="--registry --institution --out --catalogue --excel --json --help" ;;
    validate) options="--catalogue --json --help"; [[ $cur != -* ]] && { _filedir json; return; } ;;
    card) options="list --module --token-label --token-serial --json --help" ;;
    token)
      options="list change-pin unblock --module --token-label --token-serial --json --help"
      case " ${words[*]} " in
        *" change-pin "*) options="--pin-file --new-pin-file $options" ;;
        *" unblock "*) options="--puk-file --new-pin-file $options" ;;
        *) options="--check-status --signer-ca --ocsp --ca-file $options" ;;
      esac ;;
    officer)
      local officer_options="--portal --institution --ca-file --tckn --password-file --journal --json --help"
      case " ${words[*]} " in
        *" upload "*) options="--registry $officer_options" ;;
        *" sign "*) options="--version --exclude --module --token-label --token-serial --certificate-id --pin-file
          --accept-test-certificate --tsa --tsa-customer --tsa-password-file --tsa-ca --signer-ca --ocsp $officer_options" ;;
        *" applications "*|*" list "*) options="$officer_options" ;;
        *) options="upload applications list sign --help" ;;
      esac ;;
  esac
  COMPREPLY=($(compgen -W "$options" -- "$cur"))
}
complete -F _nes nes
