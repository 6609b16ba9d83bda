# Sourced by bin/build-images and bin/build-infra-images: the pieces of a root file system for `docker import`, taken
# from this machine (no registry is needed), and the check that lets an image be reused when its inputs have not
# changed. Callers set JAVA_HOME (bin/lib/jdk.sh) and run as a user who may talk to the Docker engine.

# rootfs_jre DIR MODULES: a JRE of only MODULES (comma-separated) at DIR
rootfs_jre() {
  "$JAVA_HOME/bin/jlink" --add-modules "$2" --strip-debug --no-man-pages --no-header-files --compress zip-6 --output "$1"
}

# rootfs_jre_natives JRE: the JRE's native files a server loads (not the desktop's: a server never loads AWT, so it
# needs no X11 or sound libraries), for rootfs_libs
rootfs_jre_natives() {
  local name
  echo "$1/bin/java"
  echo "$1/lib/server/libjvm.so"
  for name in java net nio zip jli jimage management management_ext extnet prefs jaas j2gss j2pkcs11 syslookup verify; do
    [ ! -f "$1/lib/lib$name.so" ] || echo "$1/lib/lib$name.so"
  done
}

# rootfs_libs ROOT FILE...: the shared libraries FILE... (executables or libraries) link against, found with ldd on
# this Debian, copied into ROOT at the same paths (with the dynamic loader)
rootfs_libs() {
  local root=$1 lib
  shift
  ldd "$@" 2>/dev/null | awk '/=> \/(usr\/)?lib/ {print $3} /^\s*\/.*ld-linux/ {print $1}' | sort -u | while read -r lib; do
    cp -L --parents "$lib" "$root/"
  done
  cp -L --parents /lib64/ld-linux-x86-64.so.2 "$root/" 2>/dev/null || true
}

# rootfs_busybox ROOT [APPLET...]: Debian's static busybox at ROOT/bin/busybox (installed here if missing), with a
# link ROOT/bin/APPLET for each APPLET named
rootfs_busybox() {
  local root=$1 applet
  shift
  command -v busybox >/dev/null || [ -x /bin/busybox ] || {
    echo "images: installing Debian's busybox-static" >&2
    env DEBIAN_FRONTEND=noninteractive apt-get install -y -q busybox-static >/dev/null
  }
  mkdir -p "$root/bin"
  cp "$(command -v busybox || echo /bin/busybox)" "$root/bin/busybox"
  for applet in "$@"; do
    [ -e "$root/bin/$applet" ] || ln -s busybox "$root/bin/$applet"
  done
}

# inputs_key TEXT...: a digest of what an image is made from (files are hashed by content, other words as they are)
inputs_key() {
  local item
  for item in "$@"; do
    if [ -f "$item" ]; then sha256sum < "$item"; else printf '%s\n' "$item"; fi
  done | sha256sum | cut -c1-32
}

# image_current IMAGE KEY: exit 0 when IMAGE exists and was made from inputs with digest KEY (label io.agenthub.inputs)
image_current() {
  [ "$(docker image inspect -f '{{index .Config.Labels "io.agenthub.inputs"}}' "$1" 2>/dev/null)" = "$2" ]
}

# image_size IMAGE: its size, e.g. "182 MB"
image_size() {
  docker image inspect -f '{{.Size}}' "$1" | awk '{printf "%.0f MB", $1/1e6}'
}

# image_id IMAGE: its id, or nothing when there is no such image
image_id() {
  docker image inspect -f '{{.Id}}' "$1" 2>/dev/null || true
}

# image_forget ID: removes the image ID that a new build replaced, if these scripts made it (it has their label) and no
# container or other tag still uses it; an image pulled from a registry stays
image_forget() {
  [ -n "$1" ] && [ -n "$(docker image inspect -f '{{index .Config.Labels "io.agenthub.inputs"}}' "$1" 2>/dev/null)" ] || return 0
  docker rmi "$1" >/dev/null 2>&1 || true
}
