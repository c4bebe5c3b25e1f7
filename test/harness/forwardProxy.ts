/**
 * A small forward proxy for the proxy tests, on node:http and node:net: CONNECT tunnels and
 * absolute-URI requests, an optional Basic Proxy-Authorization check (407 without it), and an
 * optional TLS-inspecting mode that ends the client's TLS with a certificate signed by its own
 * root and re-originates the request to the target, as company proxies do.
 *
 * It reaches only the targets it is given (anything else gets 403) and records every request it
 * sees, without credentials, so a test can print and check what went through it.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import * as tls from 'node:tls';
import { issueServerCertificate, type CertificateFiles } from './testCertificates';

export interface ProxyLogEntry {
  /** Date.now() when the request reached the proxy. */
  time: number;
  /** CONNECT, or the method of an absolute-URI or inspected request. */
  method: string;
  /** host:port for CONNECT, the URL otherwise. */
  target: string;
  /** What the proxy answered (200 for an opened tunnel), or 0 if the exchange broke first. */
  status: number;
  /** How the request authenticated: 'none', 'ok' or 'wrong' (never the credentials). */
  auth: 'none' | 'ok' | 'wrong';
  /** What happened, in a few words. */
  note: string;
}

export interface ForwardProxyOptions {
  /** host:port pairs (and origins for absolute-URI requests) the proxy may reach. */
  allowedTargets: readonly string[];
  /** Where the proxy listens; default 127.0.0.1. */
  host?: string;
  /**
   * Host names only the proxy can resolve (name → address), as a company proxy resolves internal
   * names: the client never looks them up, it sends CONNECT name:port.
   */
  hosts?: Readonly<Record<string, string>>;
  /** CA certificates the proxy trusts when it re-originates TLS (inspecting mode). */
  upstreamCa?: string;
  /** Folder for the certificates the inspecting mode issues. */
  certificateDir: string;
}

export interface ForwardProxy {
  /** http://host:port, without credentials. */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly log: ProxyLogEntry[];
  /** Require Basic credentials from now on (undefined: none needed). */
  requireCredentials(credentials: { user: string; password: string } | undefined): void;
  /** Inspect TLS with certificates signed by `root` from now on (undefined: plain tunnels). */
  inspectWith(root: CertificateFiles | undefined): void;
  /** The log as a fixed-width table, for the test output. */
  table(entries?: readonly ProxyLogEntry[]): string;
  close(): Promise<void>;
}

export function startForwardProxy(options: ForwardProxyOptions): Promise<ForwardProxy> {
  const log: ProxyLogEntry[] = [];
  const sockets = new Set<net.Socket>();
  let expectedAuthorization: string | undefined;
  let inspectionRoot: CertificateFiles | undefined;
  const issued = new Map<string, CertificateFiles>();
  const host = options.host ?? '127.0.0.1';

  const authOf = (header: string | undefined): ProxyLogEntry['auth'] =>
    header === undefined ? 'none' : header === expectedAuthorization ? 'ok' : 'wrong';
  const authorized = (auth: ProxyLogEntry['auth']) => expectedAuthorization === undefined || auth === 'ok';

  /** The certificate the inspecting proxy shows for `target`, signed by the current root. */
  const leafFor = (root: CertificateFiles, targetHost: string): CertificateFiles => {
    const key = `${root.certPath}|${targetHost}`;
    let leaf = issued.get(key);
    if (!leaf) {
      leaf = issueServerCertificate(options.certificateDir, `inspected-${issued.size}`, targetHost, root);
      issued.set(key, leaf);
    }
    return leaf;
  };

  /** Decrypted requests from an inspected tunnel are sent on to the target over a TLS connection of the proxy's own. */
  const reoriginate = (targetHost: string, address: string, targetPort: number, auth: ProxyLogEntry['auth']) =>
    http.createServer((req, res) => {
      const entry: ProxyLogEntry = {
        time: Date.now(),
        method: req.method ?? '?',
        target: `https://${targetHost}:${targetPort}${req.url ?? ''}`.replace(/\?.*$/, ''),
        status: 0,
        auth,
        note: 'inspected, re-originated',
      };
      log.push(entry);
      const upstream = https.request(
        {
          host: address,
          port: targetPort,
          path: req.url,
          method: req.method,
          headers: req.headers,
          ca: options.upstreamCa,
          // The certificate is checked against the name the client asked for, not the address.
          servername: net.isIP(targetHost) ? undefined : targetHost,
          checkServerIdentity: (_host, cert) => tls.checkServerIdentity(targetHost, cert),
        },
        (answer) => {
          entry.status = answer.statusCode ?? 0;
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on('error', (error) => {
        entry.note = `upstream failed: ${(error as NodeJS.ErrnoException).code ?? error.message}`;
        entry.status = 502;
        if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
        res.end('Bad Gateway');
      });
      req.pipe(upstream);
    });

  const server = http.createServer((req, res) => {
    // Absolute-URI requests: plain http through the proxy.
    const auth = authOf(req.headers['proxy-authorization']);
    let target: URL | undefined;
    try {
      target = new URL(req.url ?? '');
    } catch {
      target = undefined;
    }
    const entry: ProxyLogEntry = {
      time: Date.now(),
      method: req.method ?? '?',
      target: target ? `${target.origin}${target.pathname}` : String(req.url),
      status: 0,
      auth,
      note: '',
    };
    log.push(entry);
    const answer = (status: number, note: string, headers: Record<string, string> = {}) => {
      entry.status = status;
      entry.note = note;
      res.writeHead(status, { 'content-type': 'text/plain', ...headers });
      res.end(note);
    };
    if (!target || target.protocol !== 'http:') return answer(400, 'not an absolute http URI');
    if (!authorized(auth)) return answer(407, 'proxy authentication required', { 'proxy-authenticate': 'Basic realm="test proxy"' });
    if (!options.allowedTargets.includes(target.host) && !options.allowedTargets.includes(target.origin))
      return answer(403, 'target not allowed');
    const headers = { ...req.headers };
    delete headers['proxy-authorization'];
    const upstreamOptions = {
      host: options.hosts?.[target.hostname] ?? target.hostname,
      port: target.port || 80,
      path: `${target.pathname}${target.search}`,
      method: req.method,
      headers,
    };
    const upstream = http.request(upstreamOptions, (upstreamAnswer) => {
      entry.status = upstreamAnswer.statusCode ?? 0;
      entry.note = 'forwarded';
      res.writeHead(upstreamAnswer.statusCode ?? 502, upstreamAnswer.headers);
      upstreamAnswer.pipe(res);
    });
    upstream.on('error', () => answer(502, 'upstream failed'));
    req.pipe(upstream);
  });

  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    client.on('error', () => {});
    const auth = authOf(req.headers['proxy-authorization']);
    const target = req.url ?? '';
    const entry: ProxyLogEntry = { time: Date.now(), method: 'CONNECT', target, status: 0, auth, note: '' };
    log.push(entry);
    const refuse = (status: number, reason: string, extra = '') => {
      entry.status = status;
      entry.note = reason.toLowerCase();
      client.end(`HTTP/1.1 ${status} ${reason}\r\n${extra}Content-Length: 0\r\nConnection: close\r\n\r\n`);
    };
    if (!authorized(auth)) return refuse(407, 'Proxy Authentication Required', 'Proxy-Authenticate: Basic realm="test proxy"\r\n');
    const m = /^(\[[^\]]+\]|[^:]+):(\d+)$/.exec(target);
    if (!m || !options.allowedTargets.includes(target)) return refuse(403, 'Forbidden');
    const targetHost = m[1]!.replace(/^\[|\]$/g, '');
    const targetPort = Number(m[2]);
    const address = options.hosts?.[targetHost] ?? targetHost;
    const root = inspectionRoot;
    if (root) {
      entry.status = 200;
      entry.note = 'tunnel opened, TLS inspected';
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) client.unshift(head);
      const leaf = leafFor(root, targetHost);
      const secure = new tls.TLSSocket(client, { isServer: true, key: leaf.key, cert: `${leaf.cert}${root.cert}` });
      secure.on('error', (error) => {
        // The client refused the re-signed certificate (or hung up): recorded, not thrown.
        entry.note = `tunnel opened, TLS inspected; client ended TLS: ${(error as NodeJS.ErrnoException).code ?? error.message}`;
      });
      reoriginate(targetHost, address, targetPort, auth).emit('connection', secure);
      return;
    }
    const upstream = net.connect(targetPort, address, () => {
      entry.status = 200;
      entry.note = 'tunnel opened';
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => {
      // Before the tunnel opens the client gets a 502; afterwards a broken upstream just ends it.
      if (entry.status === 0) refuse(502, 'Bad Gateway');
    });
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });

  server.on('connection', (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  const table = (entries: readonly ProxyLogEntry[] = log): string => {
    const rows = entries.map((e) => [
      new Date(e.time).toISOString().slice(11, 23),
      e.method,
      e.target,
      String(e.status || '-'),
      e.auth,
      e.note,
    ]);
    const header = ['time', 'method', 'target', 'status', 'auth', 'note'];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const line = (cells: string[]) =>
      cells
        .map((c, i) => c.padEnd(widths[i]!))
        .join('  ')
        .trimEnd();
    return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
  };

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => {
      server.off('error', reject);
      const bound = server.address() as net.AddressInfo;
      let closed: Promise<void> | undefined;
      resolve({
        url: `http://${net.isIPv6(host) ? `[${host}]` : host}:${bound.port}`,
        host,
        port: bound.port,
        log,
        requireCredentials: (credentials) => {
          expectedAuthorization = credentials
            ? `Basic ${Buffer.from(`${credentials.user}:${credentials.password}`).toString('base64')}`
            : undefined;
        },
        inspectWith: (root) => {
          inspectionRoot = root;
        },
        table,
        close: () =>
          (closed ??= new Promise<void>((done) => {
            server.close(() => done());
            for (const s of sockets) s.destroy();
          })),
      });
    });
  });
}
