# Sourced by bin/test: makes sure Debian's headless Chromium and its ChromeDriver are here for the dashboard's browser
# tests, installing them (apt-get, as root or with sudo) on a fresh machine. When that cannot be done, the browser
# tests skip and say why; nothing else depends on them.
agenthub_browser() {
  if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
    return 0
  fi
  local apt=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then apt=(sudo -n); else
      echo "browser tests: chromium and chromium-driver are missing and cannot be installed without root; they will skip" >&2
      return 0
    fi
  fi
  echo "browser tests: installing Debian's chromium and chromium-driver"
  if ! { "${apt[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver >/dev/null \
      || { "${apt[@]}" apt-get update -q >/dev/null && "${apt[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver >/dev/null; }; }; then
    echo "browser tests: could not install chromium; they will skip" >&2
  fi
}
