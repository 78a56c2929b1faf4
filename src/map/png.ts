// SVG → PNG with resvg (@resvg/resvg-js: the Rust renderer, prebuilt for each platform and
// installed from npm). No system font is looked up: the labels are drawn in DejaVu Sans
// Condensed, whose files come with the dejavu-fonts-ttf package (the DejaVu fonts licence, a
// free licence derived from Bitstream Vera's), so every machine draws the same picture.
// Rendering runs on libuv's thread pool (renderAsync), so answering never waits on it.
import { createRequire } from 'node:module';
import { renderAsync } from '@resvg/resvg-js';
import { MAP_FONT_FAMILY } from './svg.js';

const require = createRequire(import.meta.url);

/** The font files the picture is drawn with. */
export const MAP_FONT_FILES: readonly string[] = [
  require.resolve('dejavu-fonts-ttf/ttf/DejaVuSansCondensed.ttf'),
  require.resolve('dejavu-fonts-ttf/ttf/DejaVuSansCondensed-Bold.ttf'),
];

export async function svgToPng(svg: string): Promise<Uint8Array> {
  const image = await renderAsync(svg, {
    font: { loadSystemFonts: false, fontFiles: [...MAP_FONT_FILES], defaultFontFamily: MAP_FONT_FAMILY, sansSerifFamily: MAP_FONT_FAMILY },
    fitTo: { mode: 'original' },
    shapeRendering: 2,
    textRendering: 1,
    logLevel: 'off',
  });
  return new Uint8Array(image.asPng());
}
