// Loads the UI font (a Noto Sans CJK KR subset cut at build time) into ImGui's atlas.
#pragma once

#include <string>

namespace ui {

// Base text size in CSS pixels / logical points.
inline constexpr float kFontSizePx = 16.0f;

// (Re)builds the atlas for `pixel_ratio` so text is rasterised at device resolution.
// Falls back to ImGui's built-in font (Latin only) and returns false if the file is
// missing or unreadable.
bool LoadFonts(const std::string& data_dir, float pixel_ratio);

}  // namespace ui
