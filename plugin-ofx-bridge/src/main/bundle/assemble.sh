#!/bin/sh
# Lays out the OFX bundle after `package`:
#   NAME.ofx.bundle/Contents/Linux-x86-64/NAME.ofx       the shim
#   NAME.ofx.bundle/Contents/Resources/lib/*.jar          this module's jar (dependencies: maven-dependency-plugin)
#   NAME.ofx.bundle/Contents/Resources/jvm.cfg            which Java runtime the shim starts
#   NAME.ofx.bundle/Contents/Resources/<plugin id>.png    the host's icon
#   NAME.ofx.bundle/Contents/Resources/licenses/          notices for vendored code
# Usage: assemble.sh BUNDLE_DIR SHIM JAR BUILD_JAVA_HOME
set -eu
bundle=$1 shim=$2 jar=$3 java_home=$4
here=$(dirname "$0")
name=$(basename "$bundle" .ofx.bundle)
res="$bundle/Contents/Resources"
# lib/ holds exactly this build's jars (the dependency plugin copies the rest next): a jar left by an
# older build (e.g. the engine jar from before the engine-core split) would shadow the new classes.
rm -rf "$res/lib"
mkdir -p "$bundle/Contents/Linux-x86-64" "$res/lib" "$res/licenses"
install -m 755 "$shim" "$bundle/Contents/Linux-x86-64/$name.ofx"
install -m 644 "$jar" "$res/lib/"
sed "s|@BUILD_JAVA_HOME@|$java_home|" "$here/jvm.cfg.in" > "$res/jvm.cfg"
install -m 644 "$here/org.sam2long.roto.SAM2LongRoto.png" "$res/"
install -m 644 src/main/c/include/openfx/LICENSE.md "$res/licenses/openfx-LICENSE.md"
