/**
 * Test certificates made with `openssl` at test time, into a folder of the run: a root CA and
 * server certificates it signs for an IP address or a host name. Nothing here is committed; the
 * keys live only as long as the run folder.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

export interface CertificateFiles {
  /** PEM private key (EC P-256). */
  keyPath: string;
  /** PEM certificate. */
  certPath: string;
  key: string;
  cert: string;
}

function openssl(args: string[], cwd: string): void {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

function read(keyPath: string, certPath: string): CertificateFiles {
  return { keyPath, certPath, key: fs.readFileSync(keyPath, 'utf8'), cert: fs.readFileSync(certPath, 'utf8') };
}

/** A self-signed root CA named `commonName`, valid for two days. Files: <dir>/<fileName>.{key,pem}. */
export function createRootCa(folder: string, fileName: string, commonName: string): CertificateFiles {
  const dir = path.resolve(folder);
  fs.mkdirSync(dir, { recursive: true });
  const keyPath = path.join(dir, `${fileName}.key`);
  const certPath = path.join(dir, `${fileName}.pem`);
  openssl(
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      keyPath,
      '-out',
      certPath,
      '-days',
      '2',
      '-subj',
      `/CN=${commonName}`,
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ],
    dir,
  );
  return read(keyPath, certPath);
}

/**
 * A server certificate for `hosts` (IP addresses or DNS names; the first is its common name) signed
 * by `ca`, or self-signed when `ca` is undefined. `expired` back-dates it so that it ended yesterday.
 */
export function issueServerCertificate(
  folder: string,
  fileName: string,
  hosts: string | readonly string[],
  ca: CertificateFiles | undefined,
  options: { expired?: boolean } = {},
): CertificateFiles {
  const dir = path.resolve(folder);
  fs.mkdirSync(dir, { recursive: true });
  const keyPath = path.join(dir, `${fileName}.key`);
  const certPath = path.join(dir, `${fileName}.pem`);
  const csrPath = path.join(dir, `${fileName}.csr`);
  const extPath = path.join(dir, `${fileName}.ext`);
  const names = typeof hosts === 'string' ? [hosts] : hosts;
  const san = names.map((h) => (net.isIP(h) ? `IP:${h}` : `DNS:${h}`)).join(',');
  fs.writeFileSync(extPath, `subjectAltName=${san}\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n`);
  openssl(
    [
      'req',
      '-new',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      keyPath,
      '-out',
      csrPath,
      '-subj',
      `/CN=${names[0]}`,
    ],
    dir,
  );
  const signer = ca ? ['-CA', ca.certPath, '-CAkey', ca.keyPath, '-CAcreateserial'] : ['-signkey', keyPath];
  if (options.expired) {
    // `openssl x509 -req` (3.0) cannot back-date; `openssl ca` can, with a throwaway database.
    const db = path.join(dir, `${fileName}.db`);
    fs.writeFileSync(`${db}.index`, '');
    fs.writeFileSync(
      `${db}.cnf`,
      [
        '[ca]',
        'default_ca=test',
        '[test]',
        `database=${db}.index`,
        `new_certs_dir=${dir}`,
        'default_md=sha256',
        'policy=any',
        'rand_serial=yes',
        'unique_subject=no',
        'copy_extensions=none',
        '[any]',
        'commonName=supplied',
      ].join('\n'),
    );
    if (!ca) throw new Error('an expired certificate needs a CA to sign it');
    const day = 24 * 3600 * 1000;
    const stamp = (t: number) => new Date(t).toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z';
    openssl(
      [
        'ca',
        '-batch',
        '-config',
        `${db}.cnf`,
        '-in',
        csrPath,
        '-out',
        certPath,
        '-notext',
        '-cert',
        ca.certPath,
        '-keyfile',
        ca.keyPath,
        '-extfile',
        extPath,
        '-startdate',
        stamp(Date.now() - 3 * day),
        '-enddate',
        stamp(Date.now() - day),
      ],
      dir,
    );
  } else {
    openssl(['x509', '-req', '-in', csrPath, '-out', certPath, '-days', '2', '-extfile', extPath, ...signer], dir);
  }
  return read(keyPath, certPath);
}

/**
 * The machine's first non-loopback IPv4 address. VS Code never proxies requests to 127.0.0.1 or
 * localhost, so a proxy test needs this one; without it the test must fail, not pass quietly.
 */
export function nonLoopbackIpv4(): string {
  for (const addresses of Object.values(os.networkInterfaces())) {
    for (const a of addresses ?? []) {
      if (a.family === 'IPv4' && !a.internal && !a.address.startsWith('127.')) return a.address;
    }
  }
  throw new Error(
    'This machine has no non-loopback IPv4 address (os.networkInterfaces()). The proxy tests need one: VS Code sends requests to 127.0.0.1/localhost directly, never through http.proxy.',
  );
}
