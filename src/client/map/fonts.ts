/** Fonts that draw Chinese labels locally (no glyph server): Noto CJK on Linux, system fonts elsewhere. */
export const LOCAL_FONTS =
  '"Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif';
