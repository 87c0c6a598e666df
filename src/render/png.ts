import { Resvg, renderAsync, type ResvgRenderOptions } from '@resvg/resvg-js';
import { FONT_FAMILY, fontFiles } from './fonts.ts';

export interface PngOptions {
  /** Output width in px; height follows the SVG's aspect ratio. Default: the SVG's own width. */
  width?: number;
  /** Extra font files tried after DejaVu Sans (e.g. a CJK font), for names DejaVu has no glyphs for. */
  extraFontFiles?: string[];
}

/**
 * Rasterises an SVG with resvg using only the fonts shipped in assets/fonts: system fonts are
 * never loaded, so a slim container with no fonts renders exactly what a developer machine does.
 */
export function svgToPng(svg: string, opts: PngOptions = {}): Buffer {
  return new Resvg(svg, resvgOptions(opts)).render().asPng();
}

/**
 * Same output as svgToPng, rendered on libuv's thread pool so a busy server's event loop is not
 * held for the ~15 ms a chart takes.
 */
export async function svgToPngAsync(svg: string, opts: PngOptions = {}): Promise<Buffer> {
  return (await renderAsync(svg, resvgOptions(opts))).asPng();
}

/** The resvg options every render uses (also for measuring with `new Resvg(svg, opts).getBBox()`). */
export function resvgOptions(opts: PngOptions = {}): ResvgRenderOptions {
  return {
    fitTo: opts.width ? { mode: 'width', value: Math.round(opts.width) } : { mode: 'original' },
    font: {
      fontFiles: [...fontFiles(), ...(opts.extraFontFiles ?? [])],
      loadSystemFonts: false,
      defaultFontFamily: FONT_FAMILY,
      sansSerifFamily: FONT_FAMILY,
    },
    textRendering: 1,
    shapeRendering: 2,
    logLevel: 'off',
  };
}
