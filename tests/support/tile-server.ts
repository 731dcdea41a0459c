import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PNG } from 'pngjs';

/** A 256 px tile of one colour, told apart by where it is (z, x, y → r, g, b). */
export function tilePng(z: number, x: number, y: number, colour?: [number, number, number]) {
  const png = new PNG({ width: 256, height: 256 });
  const [r, g, b] = colour ?? [(z * 37) % 256, (x * 53) % 256, (y * 71) % 256];
  for (let i = 0; i < png.data.length; i += 4) {
    png.data[i] = r;
    png.data[i + 1] = g;
    png.data[i + 2] = b;
    png.data[i + 3] = 255;
  }
  return PNG.sync.write(png);
}

/**
 * A loopback tile service standing in for OSM, Tianditu or Gaode in tests (no internet here):
 * answers /{service}/{z}/{x}/{y}?tk=… with a PNG (`render`'s, else one coloured by place), counts
 * requests, can be told to fail.
 */
export async function startTileServer(
  render: (service: string, z: number, x: number, y: number) => Buffer = (_s, z, x, y) =>
    tilePng(z, x, y),
): Promise<{
  url: string;
  requests: string[];
  failing: { on: boolean };
  close: () => Promise<void>;
}> {
  const requests: string[] = [];
  const failing = { on: false };
  const server: Server = createServer((req, res) => {
    requests.push(req.url ?? '');
    // Browsers fetch a custom style document from here directly (another origin).
    res.setHeader('access-control-allow-origin', '*');
    if (req.url === '/style.json') {
      const base = `http://${req.headers.host ?? ''}`;
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          version: 8,
          sources: {
            intranet: { type: 'raster', tiles: [`${base}/custom/{z}/{x}/{y}`], tileSize: 256 },
          },
          layers: [{ id: 'intranet', type: 'raster', source: 'intranet' }],
        }),
      );
      return;
    }
    const m = /^\/([\w-]+)\/(\d+)\/(\d+)\/(\d+)/.exec(req.url ?? '');
    if (failing.on || !m) {
      res.writeHead(failing.on ? 503 : 404).end();
      return;
    }
    const [, service = '', z, x, y] = m;
    res
      .writeHead(200, { 'content-type': 'image/png' })
      .end(render(service, Number(z), Number(x), Number(y)));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    failing,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
