#!/usr/bin/env bash
# Builds the site: promocase in the browser, a folder of static files that any
# static file server can host (README, "Use it in your browser").
#
#   bash web/build.sh [OUT]        # OUT defaults to site/
#
# Needs only the Rust toolchain: the wasm32-unknown-unknown target and
# wasm-bindgen-cli, at the version of the wasm-bindgen crate, are installed
# here when missing. No Node: the editor bundle (editor.js) is vendored.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-site}"
bindgen_version="0.2.130"

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$bindgen_version" ]; then
  # --locked where the registry serves every locked crate; without it otherwise.
  cargo install wasm-bindgen-cli --version "=$bindgen_version" --locked \
    || cargo install wasm-bindgen-cli --version "=$bindgen_version"
fi

(cd web/wasm && cargo build --locked --release --target wasm32-unknown-unknown --target-dir ../../target)

rm -rf "$out"
mkdir -p "$out/examples"
wasm-bindgen --target web --no-typescript --remove-name-section --remove-producers-section --out-dir "$out" \
  target/wasm32-unknown-unknown/release/promocase_web.wasm
cp src/cli/serve/editor.js src/cli/serve/workspace.js web/site/site.js web/site/worker.js web/site/sw.js "$out/"
cp examples/*.yaml "$out/examples/"
# The fonts, as files the module fetches when a document needs them
# (fonts/N.font, N their position in the list the module's description of
# the faces uses): typst-assets' own files, in its order.
assets_manifest="$(cd web/wasm && cargo metadata --locked --format-version 1 --filter-platform wasm32-unknown-unknown | grep -o '"manifest_path":"[^"]*/typst-assets-[0-9.]*/Cargo.toml"' | head -1 | sed 's/^"manifest_path":"//; s/"$//')"
assets_dir="$(dirname "$assets_manifest")"
mkdir -p "$out/fonts"
n=0
for font in $(sed -n '/pub fn fonts()/,/^ *\.into_iter()/p' "$assets_dir/src/lib.rs" | grep -o 'fonts/[A-Za-z0-9_.-]*'); do
  cp "$assets_dir/files/$font" "$out/fonts/$n.font"
  n=$((n + 1))
done
[ "$n" -gt 0 ] || { echo "no fonts found in $assets_dir" >&2; exit 1; }
# Then promocase's own, in the order of OWN_FILES in src/render/fonts.rs:
# Chinese, Japanese and Korean, then emoji; fetched only by a case that needs them.
for font in DroidSansFallback Symbola; do
  gzip -dc "fonts/$font.ttf.gz" > "$out/fonts/$n.font"
  n=$((n + 1))
done
# The service worker's cache is named after this build, so a new build replaces the old one.
build_id="$(cat "$out/promocase_web_bg.wasm" "$out"/*.js | cksum | cut -d' ' -f1)"
sed -i "s/promocase-site-v1/promocase-site-$build_id/" "$out/sw.js"
# The workspace page of `promocase serve`, with the site's back-end in front of
# its script and the policy a static server cannot send as a header.
policy="default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' blob: data:; worker-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'"
sed -e "s|<meta charset=\"utf-8\">|<meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"$policy\">|" \
    -e 's|<script src="workspace.js" defer></script>|<script src="site.js"></script>\n<script src="workspace.js" defer></script>|' \
    src/cli/serve/page.html > "$out/index.html"
grep -q 'src="site.js"' "$out/index.html" || { echo "index.html: the site's back-end was not inserted" >&2; exit 1; }
du -sh "$out"/* | sort -h | tail -5
echo "built $out/"
