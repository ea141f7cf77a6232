#!/usr/bin/env bash
# Assembles the container image's base layer from this build machine's Debian files, since no image registry is
# reachable to pull a base from: a jlink'd Java runtime (/opt/java), every shared library that the runtime and the
# native libraries inside the application's jars load (found with ldd, copied with their paths), and the few files
# a non-root process needs (/etc/passwd, /tmp). Jib puts this directory on top of `scratch`.
# Usage: runtime.sh <web-ui/target>
set -euo pipefail
target="$1"
root="$target/image-root"
work="$target/image-work"
rm -rf "$root" "$work"
mkdir -p "$root" "$work/natives"

java_home="$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")"
[ -d "$java_home/jmods" ] || { echo "runtime.sh: $java_home has no jmods (Debian: apt-get install openjdk-17-jdk-headless)" >&2; exit 1; }
# The modules Spring Boot, Tomcat, Hikari/JDBC, Jackson, DJL and JavaCPP use (jdeps cannot see reflective use).
"$java_home/bin/jlink" --output "$root/opt/java" --strip-debug --no-man-pages --no-header-files --compress=2 \
  --add-modules java.base,java.compiler,java.desktop,java.instrument,java.logging,java.management,java.naming,\
java.net.http,java.prefs,java.rmi,java.scripting,java.security.jgss,java.security.sasl,java.sql,java.transaction.xa,\
java.xml,jdk.crypto.ec,jdk.jfr,jdk.management,jdk.management.agent,jdk.naming.dns,jdk.net,jdk.unsupported,jdk.zipfs

# Native libraries the application unpacks at run time (PyTorch, tokenizers, FFmpeg): their own dependencies.
for jar in "$target"/image-libs/*.jar "$target"/plugins/*.jar "$target"/plugins/*.zip; do
  [ -f "$jar" ] || continue
  unzip -qq -o -j "$jar" '*.so' '*.so.*' -d "$work/natives/$(basename "$jar")" 2>/dev/null || true
done
libs="$(mktemp)"
find "$root/opt/java" "$work/natives" -type f \( -name '*.so' -o -name '*.so.*' -o -path '*/bin/*' \) -print0 |
  while IFS= read -r -d '' f; do
    LD_LIBRARY_PATH="$(dirname "$f"):$root/opt/java/lib:$root/opt/java/lib/server" ldd "$f" 2>/dev/null || true
  done | awk '$2 == "=>" && $3 ~ /^\// {print $3} $1 ~ /^\// {print $1}' | sort -u |
  grep -v -e "^$root" -e "^$work" > "$libs" || true
# Also the loader and the C++/OpenMP runtimes DJL's engines expect from the system.
for extra in /lib64/ld-linux-x86-64.so.2 /lib/x86_64-linux-gnu/libgomp.so.1 /lib/x86_64-linux-gnu/libz.so.1; do
  [ -e "$extra" ] && echo "$extra" >> "$libs"
done
while read -r lib; do
  mkdir -p "$root$(dirname "$lib")"
  cp -L "$lib" "$root$lib"
done < <(sort -u "$libs")
rm -f "$libs"
mkdir -p "$root/lib64" "$root/etc" "$root/tmp" "$root/home/git" "$root/app/data" "$root/app/config"
[ -e "$root/lib64/ld-linux-x86-64.so.2" ] || cp -L /lib64/ld-linux-x86-64.so.2 "$root/lib64/"
printf 'root:x:0:0:root:/root:/sbin/nologin\ngit:x:10001:10001:git platform:/home/git:/sbin/nologin\n' > "$root/etc/passwd"
printf 'root:x:0:\ngit:x:10001:\n' > "$root/etc/group"
printf 'hosts: files dns\n' > "$root/etc/nsswitch.conf"
cp -r "$target/plugins" "$root/app/plugins"
echo "image base: $(du -sh "$root" | cut -f1) in $root ($(find "$root" -name '*.so*' | wc -l) shared libraries)"
