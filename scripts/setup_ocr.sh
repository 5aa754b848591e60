#!/usr/bin/env bash
# Installs what `gezi scan --ocr` needs: the PP-OCRv6 small models (from the PyPI wheel
# rapidocr 3.10.0) and libonnxruntime.so (from the PyPI wheel onnxruntime 1.32.0), unpacked
# into ${GEZI_OCR_DIR:-$HOME/.local/share/gezi/ocr}. Nothing is installed into Python: the
# wheels are downloaded with pip and only the needed files are unzipped.
#   bash scripts/setup_ocr.sh          (again: does nothing when the files are there)
# Needs: python3 with pip, unzip (or python3's zipfile, used when unzip is missing).
set -euo pipefail

RAPIDOCR_VERSION=3.10.0
ORT_VERSION=1.32.0
DEST=${GEZI_OCR_DIR:-$HOME/.local/share/gezi/ocr}
MODELS=(PP-OCRv6_det_small.onnx PP-OCRv6_rec_small.onnx ch_ppocr_mobile_v2.0_cls_mobile.onnx)
LIB=libonnxruntime.so.$ORT_VERSION

have_all() {
  for f in "${MODELS[@]}" "$LIB" LICENSES.txt; do
    [ -s "$DEST/$f" ] || return 1
  done
}

if have_all; then
  echo "OCR files already in $DEST"
  exit 0
fi

case "$(uname -m)" in
  x86_64) PLATFORM=manylinux_2_28_x86_64 ;;
  aarch64) PLATFORM=manylinux_2_28_aarch64 ;;
  *) echo "setup_ocr.sh: no onnxruntime wheel known for $(uname -m)" >&2; exit 1 ;;
esac

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The onnxruntime wheel is per Python version; the library inside is the same, so ask for
# one fixed tag instead of the local interpreter's.
python3 -m pip download --quiet --no-deps --only-binary=:all: --dest "$tmp" \
  "rapidocr==$RAPIDOCR_VERSION"
python3 -m pip download --quiet --no-deps --only-binary=:all: --dest "$tmp" \
  --platform "$PLATFORM" --python-version 3.11 --implementation cp --abi cp311 \
  "onnxruntime==$ORT_VERSION"

rapid=$(ls "$tmp"/rapidocr-"$RAPIDOCR_VERSION"-*.whl)
ort=$(ls "$tmp"/onnxruntime-"$ORT_VERSION"-*.whl)

# Extracts members of a wheel (a zip) into a folder, without their paths.
extract() {
  local wheel=$1 out=$2
  shift 2
  python3 - "$wheel" "$out" "$@" <<'PY'
import os, sys, zipfile
wheel, out, names = sys.argv[1], sys.argv[2], sys.argv[3:]
with zipfile.ZipFile(wheel) as z:
    for name in names:
        data = z.read(name)
        target = os.path.join(out, os.path.basename(name))
        with open(target + ".part", "wb") as f:
            f.write(data)
        os.replace(target + ".part", target)
PY
}

mkdir -p "$DEST" "$tmp/lic"
extract "$rapid" "$DEST" \
  rapidocr/models/PP-OCRv6_det_small.onnx \
  rapidocr/models/PP-OCRv6_rec_small.onnx \
  rapidocr/models/ch_ppocr_mobile_v2.0_cls_mobile.onnx
extract "$ort" "$DEST" "onnxruntime/capi/$LIB"
chmod 0644 "$DEST/$LIB"
extract "$rapid" "$tmp/lic" \
  "rapidocr-$RAPIDOCR_VERSION.dist-info/licenses/LICENSE" \
  "rapidocr-$RAPIDOCR_VERSION.dist-info/licenses/MODEL_LICENSES.md"
mv "$tmp/lic/LICENSE" "$tmp/lic/rapidocr-LICENSE"
extract "$ort" "$tmp/lic" onnxruntime/LICENSE onnxruntime/ThirdPartyNotices.txt
mv "$tmp/lic/LICENSE" "$tmp/lic/onnxruntime-LICENSE"

{
  cat <<EOF
Files in this folder and where they come from
=============================================

PP-OCRv6_det_small.onnx, PP-OCRv6_rec_small.onnx, ch_ppocr_mobile_v2.0_cls_mobile.onnx
  From the PyPI wheel rapidocr $RAPIDOCR_VERSION ($(basename "$rapid")), folder rapidocr/models/.
  Models of the PaddleOCR project (copyright Baidu / the PaddleOCR authors), converted to
  ONNX by RapidOCR. Licence: Apache License 2.0 (https://www.apache.org/licenses/LICENSE-2.0).
  The wheel's LICENSE and MODEL_LICENSES.md follow below.

$LIB
  From the PyPI wheel onnxruntime $ORT_VERSION ($(basename "$ort")), onnxruntime/capi/.
  ONNX Runtime, copyright Microsoft Corporation. Licence: MIT. Its LICENSE and
  ThirdPartyNotices.txt follow below.

Installed by gezi's scripts/setup_ocr.sh.

EOF
  for f in rapidocr-LICENSE MODEL_LICENSES.md onnxruntime-LICENSE ThirdPartyNotices.txt; do
    printf '\n\n==================== %s ====================\n\n' "$f"
    cat "$tmp/lic/$f"
  done
} > "$DEST/LICENSES.txt.part"
mv "$DEST/LICENSES.txt.part" "$DEST/LICENSES.txt"

have_all
echo "OCR files installed in $DEST:"
ls -l "$DEST"
