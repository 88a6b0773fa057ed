#!/bin/sh
# Builds the release (./mvnw -Pdist package): a jlink runtime, the sam2long command, the OFX bundle
# with the runtime inside, a .tar.gz and a .deb. Usage (from installer/pom.xml):
#   assemble-dist.sh TARGET VERSION INSTALLER_JAR LIB_DIR BUNDLE JAVA_HOME
# Layout of target/dist/sam2long-VERSION/ (also the tarball's top folder):
#   bin/sam2long                       launcher (src/dist/sam2long.sh)
#   lib/*.jar                          the command line and its dependencies
#   ofx/SAM2LongRoto.ofx.bundle/       the plug-in, Contents/Resources/jre = the private runtime
#   runtime -> ofx/SAM2LongRoto.ofx.bundle/Contents/Resources/jre
# The .deb: /opt/sam2long (runtime -> the bundle's jre), /usr/bin/sam2long, /usr/OFX/Plugins/SAM2LongRoto.ofx.bundle.
set -eu
target=$1 version=$2 installer_jar=$3 libs=$4 bundle_src=$5 jhome=$6
here=$(cd "$(dirname "$0")" && pwd)
out="$target/dist"
name="sam2long-$version"
root="$out/$name"
bundle_name=SAM2LongRoto.ofx.bundle
t0=$(date +%s)

if [ ! -f "$bundle_src/Contents/Linux-x86-64/SAM2LongRoto.ofx" ]; then
    echo "assemble-dist: the OFX bundle $bundle_src is missing: build plugin-ofx-bridge first (./mvnw -Pdist package from the top folder)" >&2
    exit 1
fi
rm -rf "$out"
mkdir -p "$root/bin" "$root/lib" "$root/ofx"
cp "$libs"/*.jar "$root/lib/"
cp "$installer_jar" "$root/lib/"
install -m 755 "$here/sam2long.sh" "$root/bin/sam2long"
echo "$version" > "$root/VERSION"

# Java modules: jdeps over this project's own jars, plus what the libraries need that jdeps cannot see
# (their module-info or reflection): java.sql/java.xml (Jackson's optional java.sql types), jdk.unsupported
# (JavaCPP, Guava, JNA), jdk.crypto.ec (TLS for model downloads), java.desktop (JavaCV frames, ImageIO).
own=$(ls "$root"/lib/engine-*.jar "$root"/lib/presets-*.jar "$root"/lib/render-node-*.jar "$root"/lib/plugin-ofx-bridge-*.jar "$root"/lib/installer-*.jar)
mods=$("$jhome/bin/jdeps" -q --multi-release 17 --ignore-missing-deps --print-module-deps --class-path "$root/lib/*" $own)
mods="$mods,java.desktop,java.logging,java.sql,java.xml,jdk.unsupported,jdk.crypto.ec"
mods=$(echo "$mods" | tr ',' '\n' | sort -u | paste -sd, -)
echo "assemble-dist: jlink modules $mods"

cp -R "$bundle_src" "$root/ofx/"
res="$root/ofx/$bundle_name/Contents/Resources"
"$jhome/bin/jlink" --add-modules "$mods" --strip-debug --no-header-files --no-man-pages --compress=2 \
    --output "$res/jre"
echo "$mods" > "$res/jre/sam2long-modules.txt"
# jvm.cfg: only the private runtime (the development build also names the build machine's JDK)
grep -v '^runtime=' "$res/jvm.cfg" > "$res/jvm.cfg.tmp"
printf 'runtime=jre\n' >> "$res/jvm.cfg.tmp"
mv "$res/jvm.cfg.tmp" "$res/jvm.cfg"
ln -s "ofx/$bundle_name/Contents/Resources/jre" "$root/runtime"
# the bundle and the command line share most jars: hard links, so the tarball stores them once
for f in "$res"/lib/*.jar; do
    other="$root/lib/$(basename "$f")"
    if [ -f "$other" ] && cmp -s "$f" "$other"; then
        ln -f "$other" "$f"
    fi
done

# gzip -1: the jars and the jlink image are compressed already, higher levels only cost time
tar -C "$out" --use-compress-program="gzip -1" -cf "$out/$name-linux-x86_64.tar.gz" "$name"

# .deb: no hard links across /opt and /usr (they may be different file systems): the bundle's jars that
# the command line also has become symbolic links to /opt/sam2long/lib, the runtime stays in the bundle
deb="$out/deb"
mkdir -p "$deb/DEBIAN" "$deb/opt" "$deb/usr/bin" "$deb/usr/OFX/Plugins"
cp -R "$root" "$deb/opt/sam2long"
for f in "$deb/opt/sam2long/ofx/$bundle_name/Contents/Resources/lib"/*.jar; do
    j=$(basename "$f")
    if [ -f "$deb/opt/sam2long/lib/$j" ] && cmp -s "$f" "$deb/opt/sam2long/lib/$j"; then
        rm "$f" && ln -s "/opt/sam2long/lib/$j" "$f"
    else
        cp "$f" "$f.tmp" && mv "$f.tmp" "$f"
    fi
done
mv "$deb/opt/sam2long/ofx/$bundle_name" "$deb/usr/OFX/Plugins/"
rmdir "$deb/opt/sam2long/ofx"
rm "$deb/opt/sam2long/runtime"
ln -s "/usr/OFX/Plugins/$bundle_name/Contents/Resources/jre" "$deb/opt/sam2long/runtime"
ln -s /opt/sam2long/bin/sam2long "$deb/usr/bin/sam2long"
debversion=$(echo "$version" | sed 's/-SNAPSHOT/~snapshot/')
size=$(du -sk "$deb" | cut -f1)
cat > "$deb/DEBIAN/control" <<CONTROL
Package: sam2long
Version: $debversion
Architecture: amd64
Maintainer: SAM2Long Roto <sam2long@localhost>
Installed-Size: $size
Depends: libc6 (>= 2.31)
Section: graphics
Priority: optional
Homepage: https://github.com/sam2long/sam2long-roto
Description: SAM 2 video rotoscoping with the SAM2Long memory tree
 The sam2long command line (track, demo, eval, presets, bench, models, doctor)
 and the SAM2Long Roto OpenFX plug-in, with a private Java runtime.
 Models go to ~/.local/share/sam2long/models (sam2long models fetch).
CONTROL
dpkg-deb --root-owner-group -Zgzip -z1 --build "$deb" "$out/sam2long_${debversion}_amd64.deb" >/dev/null
rm -rf "$deb"

t1=$(date +%s)
echo "assemble-dist: $(du -sh "$res/jre" | cut -f1) runtime, $(du -sh "$root/ofx/$bundle_name" | cut -f1) bundle, $(du -sh --count-links "$root" | cut -f1) release folder; $(du -h "$out/$name-linux-x86_64.tar.gz" | cut -f1) tar.gz, $(du -h "$out"/sam2long_*.deb | cut -f1) .deb ($((t1 - t0)) s)"
