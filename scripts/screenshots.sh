#!/usr/bin/env bash
# Photographs the shop's eight main pages, the grid after an add and the
# refused shipping form again into docs/screenshots/: full height, 390 and
# 1280 px wide, English and Spanish, light and dark (80 pictures), with the fixed shopper, still clock and placeholders of the
# screenshot test (tests/system/browser/screenshots.rs), which then checks
# them. Only pictures that changed are rewritten. Needs Debian's chromium,
# chromium-driver and the DejaVu fonts (fonts-dejavu-core, fonts-dejavu-extra).
set -euo pipefail
cd "$(dirname "$0")/.."
UPDATE_SCREENSHOTS=1 cargo test --test system -- browser::screenshots
