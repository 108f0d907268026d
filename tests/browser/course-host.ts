// A course page on another origin, for the embed tests: a tiny server on another port of 127.0.0.1 whose
// every answer is the page `page(query)` writes for the request's query string.
import { createServer, type Server } from 'node:http';

/** A running course site: `url` is its origin (e.g. http://127.0.0.1:40124). */
export interface CourseHost {
  url: string;
  close: () => Promise<void>;
}

/** Starts the course site; `page` turns a request's query into the HTML answered. */
export async function startHost(page: (query: URLSearchParams) => string): Promise<CourseHost> {
  const server: Server = createServer((req, res) => {
    const query = new URL(req.url ?? '/', 'http://host.test').searchParams;
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(page(query));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((done) => (server.closeAllConnections(), server.close(() => done())))
  };
}
