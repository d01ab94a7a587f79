#include "ui/fonts.h"

#include "imgui.h"

namespace ui {

namespace {
// Scripts and symbols the UI and lessons draw from. The atlas only gets glyphs the
// subset font actually contains, so wide ranges cost nothing.
const ImWchar kGlyphRanges[] = {
    0x0020, 0x00FF,  // Basic Latin, Latin-1
    0x0370, 0x03FF,  // Greek (ρ, λ in the theory window)
    0x2000, 0x206F,  // General Punctuation
    0x2190, 0x21FF,  // Arrows
    0x2200, 0x22FF,  // Mathematical operators
    0x2460, 0x24FF,  // Enclosed alphanumerics
    0x2500, 0x27BF,  // Box drawing, shapes, symbols, dingbats
    0x3000, 0x303F,  // CJK punctuation
    0x3130, 0x318F,  // Hangul compatibility Jamo
    0xAC00, 0xD7A3,  // Hangul syllables
    0xFF00, 0xFFEF,  // Half/full width forms
    0,
};
constexpr int kFirstKoreanOnlyRange = 7;  // CJK punctuation onwards: only Korean text uses them

// English: the ranges before the Korean-only ones, plus the letters of kKoreanName.
const ImWchar* EnglishGlyphRanges() {
  static ImVector<ImWchar> ranges;  // ImGui reads the ranges while it builds the atlas
  if (ranges.empty()) {
    ImVector<ImWchar> latin;
    for (int i = 0; i < kFirstKoreanOnlyRange * 2; ++i) latin.push_back(kGlyphRanges[i]);
    latin.push_back(0);
    ImFontGlyphRangesBuilder builder;
    builder.AddRanges(latin.Data);
    builder.AddText(kKoreanName);
    builder.BuildRanges(&ranges);
  }
  return ranges.Data;
}
}  // namespace

bool LoadFonts(const std::string& data_dir, float pixel_ratio, sim::Lang lang) {
  if (pixel_ratio <= 0.0f) pixel_ratio = 1.0f;
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  ImFontConfig config;
  config.OversampleH = 1;
  config.OversampleV = 1;
  config.PixelSnapH = true;
  const std::string path = data_dir + "/fonts/statelab-ui.ttf";
  ImFont* font = io.Fonts->AddFontFromFileTTF(path.c_str(), kFontSizePx * pixel_ratio, &config,
                                              lang == sim::Lang::Ko ? kGlyphRanges : EnglishGlyphRanges());
  const bool ok = font != nullptr;
  if (!ok) {
    ImFontConfig fallback;
    fallback.SizePixels = 13.0f * pixel_ratio;
    io.Fonts->AddFontDefault(&fallback);
  }
  io.FontGlobalScale = 1.0f / pixel_ratio;
  io.Fonts->Build();
  return ok;
}

}  // namespace ui
