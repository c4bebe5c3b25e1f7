/**
 * Every name the catalogue's data gives an SDK (User-Agent tokens, wrapper names, ids, display
 * names) resolves to that SDK, also with case, spaces and punctuation changed and a `/version`
 * riding along; a name two SDKs share is decided by the version where their majors tell them
 * apart and said to be ambiguous where not; everything else (unknown names, hostile text, names
 * with invisible or control characters) resolves to nothing.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { MAX_RESOLVABLE_NAME_CHARS, createSdkResolver, reducedName, type SdkResolution } from '../../src/catalogue/sdkNames';
import { catalogue, catalogueData, catalogueOf } from '../support/catalogue';
import { HOSTILE_PIECES, hostile } from '../support/hostileText';

type NameKind = 'userAgent' | 'wrapperName' | 'id' | 'displayName';

/** Every (SDK, name) pair the data gives, read from the data itself. */
const NAMES: readonly { sdk: string; name: string; kind: NameKind }[] = Object.entries(catalogueData.sdks).flatMap(([sdk, data]) => [
  ...data.userAgents.map((name) => ({ sdk, name, kind: 'userAgent' as const })),
  ...data.wrapperNames.map((name) => ({ sdk, name, kind: 'wrapperName' as const })),
  { sdk, name: sdk, kind: 'id' as const },
  { sdk, name: data.name, kind: 'displayName' as const },
]);

/** The SDKs whose data holds a name that reduces as `name` does. */
function ownersOf(name: string): string[] {
  const key = reducedName(name)?.key;
  return [...new Set(NAMES.filter((n) => reducedName(n.name)?.key === key).map((n) => n.sdk))].sort();
}

function idOf(resolution: SdkResolution): string | undefined {
  return resolution.kind === 'catalogued' ? resolution.sdk.id : undefined;
}

function candidatesOf(resolution: SdkResolution): string[] | undefined {
  return resolution.kind === 'ambiguous' ? resolution.candidates.map((sdk) => sdk.id).sort() : undefined;
}

const SHARED = NAMES.filter(({ name }) => ownersOf(name).length > 1);
const UNSHARED = NAMES.filter(({ name }) => ownersOf(name).length === 1);

describe('every name in the data resolves to its SDK', () => {
  const resolver = createSdkResolver(catalogue);

  test('the data gives each kind of name, and covers every SDK', () => {
    for (const kind of ['userAgent', 'wrapperName', 'id', 'displayName'] as const) {
      assert.ok(NAMES.filter((n) => n.kind === kind).length >= 5, kind);
    }
    assert.equal(new Set(NAMES.map((n) => n.sdk)).size, catalogue.sdks.size);
    assert.ok(catalogue.sdks.size >= 30, `${catalogue.sdks.size} SDKs`);
  });

  test('every User-Agent token, wrapper name, id and display name only one SDK holds resolves to it, also with a /version', () => {
    assert.ok(UNSHARED.length > 100, `${UNSHARED.length} names`);
    for (const { sdk, name, kind } of UNSHARED) {
      assert.equal(idOf(resolver.resolve(name)), sdk, `${kind} ${name}`);
      assert.equal(idOf(resolver.resolve(name, '1.2.3')), sdk, `${kind} ${name} with a version`);
      assert.equal(idOf(resolver.resolve(`${name}/1.2.3`)), sdk, `${kind} ${name}/1.2.3`);
      assert.equal(idOf(resolver.resolve(name.toUpperCase())), sdk, `${kind} ${name} upper case`);
      assert.equal(idOf(resolver.resolve(name.toLowerCase())), sdk, `${kind} ${name} lower case`);
    }
  });

  test('only the names the data itself gives two SDKs are shared: JSClient, "JavaScript Client SDK", AkamaiEdgeSDK', () => {
    assert.deepEqual([...new Set(SHARED.map((n) => n.name))].sort(), ['AkamaiEdgeSDK', 'JSClient', 'JavaScript Client SDK']);
    // Two SDKs never merge through reduction: a shared reduced name comes from one and the same name in both.
    for (const { name } of SHARED) {
      const key = reducedName(name)!.key;
      assert.deepEqual(new Set(NAMES.filter((n) => reducedName(n.name)?.key === key).map((n) => n.name)), new Set([name]), name);
    }
  });

  test('a shared name without a version is ambiguous with exactly its SDKs; with one of an SDK’s own versions it never resolves to another SDK', () => {
    for (const { sdk, name } of SHARED) {
      assert.deepEqual(candidatesOf(resolver.resolve(name)), ownersOf(name), name);
      for (const line of catalogue.sdks.get(sdk)!.releases) {
        const resolution = resolver.resolve(name, `${line.major}.${line.minor}.0`);
        assert.ok(
          idOf(resolution) === sdk || candidatesOf(resolution) !== undefined,
          `${name} ${line.major}.${line.minor} → ${idOf(resolution)}`,
        );
      }
    }
  });

  test('case, spaces and ASCII punctuation put anywhere do not change what a name means', () => {
    const punctuation = fc.constantFrom(
      ' ',
      '  ',
      '-',
      '_',
      '.',
      '/',
      ':',
      '(',
      ')',
      '[',
      ']',
      '"',
      "'",
      '#',
      '@',
      '!',
      '~',
      '|',
      '\\',
      '`',
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...UNSHARED),
        fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
        fc.array(fc.tuple(fc.nat(), punctuation), { maxLength: 6 }),
        ({ sdk, name }, upper, insertions) => {
          let variant = [...name].map((c, i) => (upper[i % upper.length] ? c.toUpperCase() : c.toLowerCase())).join('');
          for (const [at, piece] of insertions) {
            const i = at % (variant.length + 1);
            variant = `${variant.slice(0, i)}${piece}${variant.slice(i)}`;
          }
          // A slash then a digit would read as a riding version: put one after everything else instead.
          fc.pre(!/\/v?\d/.test(variant) && variant.length <= MAX_RESOLVABLE_NAME_CHARS);
          assert.equal(idOf(createSdkResolver(catalogue).resolve(variant)), sdk, JSON.stringify(variant));
        },
      ),
    );
  });

  test('display names and ids in other spellings', () => {
    assert.equal(idOf(resolver.resolve('node.js server sdk')), 'node-server');
    assert.equal(idOf(resolver.resolve('NODE_SERVER')), 'node-server');
    assert.equal(idOf(resolver.resolve('Node JS Server SDK')), 'node-server');
    assert.equal(idOf(resolver.resolve('.NET Server SDK')), 'dotnet-server-sdk');
    assert.equal(idOf(resolver.resolve('net server sdk')), 'dotnet-server-sdk');
    assert.equal(idOf(resolver.resolve('C++ Client SDK')), 'cpp-client-sdk');
    assert.equal(idOf(resolver.resolve('react native client')), 'react-native');
    assert.equal(idOf(resolver.resolve('IOS')), 'swift-client-sdk');
    assert.equal(idOf(resolver.resolve('watchOS/9.0.1')), 'swift-client-sdk');
    assert.equal(idOf(resolver.resolve('XamarinClient')), 'dotnet-client-sdk');
  });
});

describe('a version riding on the name', () => {
  const resolver = createSdkResolver(catalogue);

  test('NodeJSClient/9.7.1 and its like are the SDK of the name', () => {
    assert.equal(idOf(resolver.resolve('NodeJSClient/9.7.1')), 'node-server');
    assert.equal(idOf(resolver.resolve('NodeJSClient/9.7.1', '9.7.1')), 'node-server');
    assert.equal(idOf(resolver.resolve('NodeJSClient/v9.7.1-rc.1+build.5')), 'node-server');
    assert.equal(idOf(resolver.resolve('react-client-sdk/3.3.2')), 'react-client-sdk');
    assert.deepEqual(reducedName('NodeJSClient/9.7.1'), { key: 'nodejsclient', version: '9.7.1' });
  });

  test('a slash followed by something other than a version is punctuation, and a version alone is no name', () => {
    assert.deepEqual(reducedName('Node/JS/Client'), { key: 'nodejsclient', version: undefined });
    assert.equal(idOf(resolver.resolve('Node/JS/Client')), 'node-server');
    assert.equal(resolver.resolve('/9.7.1').kind, 'unknown');
    assert.equal(resolver.resolve('9.7.1').kind, 'unknown');
    // Only one trailing version is cut: the rest must still be a name.
    assert.equal(resolver.resolve('NodeJSClient/9.7.1/9.7.1').kind, 'unknown');
  });
});

describe('a name two SDKs share', () => {
  test('JSClient: js-client-sdk up to 3.x, browser from 4.0 (and any later major), ambiguous without a readable major', () => {
    const resolver = createSdkResolver(catalogue);
    const js = (version?: string) => resolver.resolve('JSClient', version);
    assert.equal(idOf(js('3.8.1')), 'js-client-sdk');
    assert.equal(idOf(js('1.0.0')), 'js-client-sdk');
    assert.equal(idOf(js('0.9.0')), 'js-client-sdk');
    assert.equal(idOf(js('v2.24')), 'js-client-sdk');
    assert.equal(idOf(js('4.0.0')), 'browser');
    assert.equal(idOf(js('4.9.1')), 'browser');
    assert.equal(idOf(js('4.0.0-beta.1')), 'browser');
    assert.equal(idOf(js('5.0.0')), 'browser');
    for (const version of [undefined, '', 'Unknown', 'latest', 'x4.0']) {
      assert.deepEqual(candidatesOf(js(version)), ['browser', 'js-client-sdk'], String(version));
    }
    // The display name both share is decided the same way; the version beside the name wins over the one riding on it.
    assert.equal(idOf(resolver.resolve('JavaScript Client SDK', '4.1.0')), 'browser');
    assert.equal(idOf(resolver.resolve('JSClient/3.8.1')), 'js-client-sdk');
    assert.equal(idOf(resolver.resolve('JSClient/3.8.1', 'Unknown')), 'js-client-sdk');
    assert.equal(idOf(resolver.resolve('JSClient/3.8.1', '4.1.0')), 'browser');
  });

  test('the cache keeps the name, not the decision: one name answers each version afresh', () => {
    const resolver = createSdkResolver(catalogue);
    assert.equal(idOf(resolver.resolve('JSClient', '3.0.0')), 'js-client-sdk');
    assert.equal(idOf(resolver.resolve('JSClient', '4.0.0')), 'browser');
    assert.equal(resolver.resolve('JSClient').kind, 'ambiguous');
    assert.equal(idOf(resolver.resolve('JSClient', '3.0.0')), 'js-client-sdk');
  });

  test('says which names the version decides: a token one SDK continues from another, and no other', () => {
    const resolver = createSdkResolver(catalogue);
    assert.equal(resolver.decidedByVersion('JSClient'), true);
    assert.equal(resolver.decidedByVersion('jsclient/3.0.0'), true);
    assert.equal(resolver.decidedByVersion('JavaScript Client SDK'), true, 'the display name both share');
    for (const name of ['AkamaiEdgeSDK', 'NodeJSClient', 'browser', 'unknown-name', 'x'.repeat(200)]) {
      assert.equal(resolver.decidedByVersion(name), false, name);
      // Whatever the version, such a name means the same.
      assert.deepEqual(resolver.resolve(name, '3.0.0'), resolver.resolve(name, '4.0.0'), name);
    }
  });

  test('AkamaiEdgeSDK: akamai-base and akamai-edgekv share majors, so it stays ambiguous whatever the version', () => {
    const resolver = createSdkResolver(catalogue);
    for (const version of [undefined, '1.0.0', '2.1.0', '3.0.0', '9.0.0']) {
      assert.deepEqual(candidatesOf(resolver.resolve('AkamaiEdgeSDK', version)), ['akamai-base', 'akamai-edgekv'], String(version));
    }
  });

  test('SDKs without release data sharing a name stay ambiguous', () => {
    const sdk = (name: string) => ({
      name,
      type: 'edge',
      userAgents: ['Shared'],
      wrapperNames: [],
      github: null,
      languages: [],
      releases: [],
    });
    const resolver = createSdkResolver(catalogueOf({ a: sdk('A SDK'), b: sdk('B SDK') }));
    assert.deepEqual(candidatesOf(resolver.resolve('Shared', '1.0.0')), ['a', 'b']);
    assert.equal(idOf(resolver.resolve('A SDK', '1.0.0')), 'a');
  });
});

describe('names the catalogue does not know', () => {
  const resolver = createSdkResolver(catalogue);

  test('resolve to nothing: short forms, near misses, prefixes and longer names', () => {
    for (const name of [
      'Unknown',
      'Node.js',
      'Java',
      'ruby',
      'C',
      'Python',
      'go',
      'NodeJS',
      'NodeJSClientX',
      'xNodeJSClient',
      'Node.js Server',
      'JS',
    ]) {
      assert.equal(resolver.resolve(name, '1.0.0').kind, 'unknown', name);
    }
  });

  test('hostile names never resolve: empty, punctuation only, prototype keys, invisible and control characters, lookalikes, very long', () => {
    const names = [
      '',
      ' ',
      '...',
      '/',
      '__proto__',
      'constructor',
      'toString',
      'hasOwnProperty',
      'valueOf',
      'Node\u200BJSClient',
      '\u202eNodeJSClient',
      'NodeJSClient\u2066',
      'NodeJSClient\u0000',
      'NodeJSClient\n',
      'NodeJSClient\r\n',
      '\tNodeJSClient',
      'NodeJSClient\u00a0',
      'NodeJSClient\u2028',
      'NodeJSClient\u061c',
      '\ufeffNodeJSClient',
      'Node\u00adJSClient',
      'ＮｏｄｅＪＳＣｌｉｅｎｔ',
      'N\u043edeJSClient',
      'NodeJSClient\ud800',
      'ı\u0307OS',
      `NodeJSClient${' '.repeat(MAX_RESOLVABLE_NAME_CHARS)}`,
      'NodeJSClient'.repeat(1_000),
      'a'.repeat(1_000_000),
    ];
    for (const name of names) {
      assert.equal(resolver.resolve(name).kind, 'unknown', JSON.stringify(name.slice(0, 40)));
      assert.equal(resolver.resolve(name, '4.0.0').kind, 'unknown', JSON.stringify(name.slice(0, 40)));
    }
  });

  test('a catalogued name with any character outside printable ASCII put anywhere in it resolves to nothing', () => {
    const foreign = fc.oneof(
      fc.constantFrom(...HOSTILE_PIECES.filter((piece) => /[^\x20-\x7e]/.test(piece))),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 3 }).filter((s) => /[^\x20-\x7e]/.test(s)),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...NAMES),
        fc.array(fc.tuple(fc.nat(), foreign), { minLength: 1, maxLength: 4 }),
        ({ name }, insertions) => {
          let variant = name;
          for (const [at, piece] of insertions) {
            const i = at % (variant.length + 1);
            variant = `${variant.slice(0, i)}${piece}${variant.slice(i)}`;
          }
          const resolver = createSdkResolver(catalogue);
          assert.equal(resolver.resolve(variant).kind, 'unknown', JSON.stringify(variant));
          assert.equal(resolver.resolve(variant, '4.0.0').kind, 'unknown', JSON.stringify(variant));
        },
      ),
    );
  });

  test('names made of the hostile alphabet never resolve; arbitrary text resolves only as a catalogued name in printable ASCII', () => {
    const pieces = fc.array(fc.constantFrom(...HOSTILE_PIECES), { minLength: 1, maxLength: 16 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(pieces, (name) => {
        assert.equal(createSdkResolver(catalogue).resolve(name).kind, 'unknown', JSON.stringify(name));
      }),
    );
    const keys = new Set(NAMES.map(({ name }) => reducedName(name)!.key));
    fc.assert(
      fc.property(hostile, fc.option(hostile), (name, version) => {
        const resolution = createSdkResolver(catalogue).resolve(name, version ?? undefined);
        if (resolution.kind !== 'unknown') {
          assert.match(name, /^[\x20-\x7e]+$/);
          assert.ok(keys.has(reducedName(name)!.key), JSON.stringify(name));
        }
      }),
    );
  });

  test('a resolver that has seen more names than it caches still answers every name', () => {
    const resolver = createSdkResolver(catalogue);
    assert.equal(idOf(resolver.resolve('GoClient')), 'go-server-sdk');
    for (let i = 0; i < 100_000; i++) resolver.resolve(`sdk-${i}`);
    for (const round of [1, 2]) {
      assert.equal(idOf(resolver.resolve('GoClient')), 'go-server-sdk', `round ${round}`);
      assert.equal(idOf(resolver.resolve('PythonClient')), 'python-server-sdk', `round ${round}`);
      assert.equal(idOf(resolver.resolve('JSClient', '4.0.0')), 'browser', `round ${round}`);
      assert.equal(resolver.resolve('sdk-7').kind, 'unknown', `round ${round}`);
      assert.equal(resolver.resolve('sdk-99999').kind, 'unknown', `round ${round}`);
    }
  });

  test('catalogued names are a fraction of the longest name that can resolve', () => {
    for (const { name } of NAMES) assert.ok(name.length * 3 <= MAX_RESOLVABLE_NAME_CHARS, name);
  });
});
