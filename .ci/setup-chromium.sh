# Sourced by .ci/run. The browser tests of `helpdesk serve` drive Debian's Chromium through
# Playwright (never Playwright's own browser download): install it when it is missing.
if [ ! -x /usr/bin/chromium ]; then
    echo "setup-chromium: instalando o Chromium do Debian para os testes no navegador…" >&2
    chromium_sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        chromium_sudo="sudo"
    fi
    $chromium_sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $chromium_sudo apt-get install -y -qq --no-install-recommends \
        chromium >/dev/null
    unset chromium_sudo
fi
