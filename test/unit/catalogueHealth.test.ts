/**
 * Health from LaunchDarkly's release dates: past end of life from the end-of-life instant (00:00 UTC
 * of its day) on, near end of life in the 90 days before, new major available, current; the target
 * (newest minor of the major while it is supported, else the newest line); and the versions that
 * cannot be judged, each with its reason. Dates come from the committed data, not from this file.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CataloguedSdk, ReleaseLine } from '../../src/catalogue/catalogue';
import { NEAR_END_OF_LIFE_DAYS, releaseDateVerdict, type ReleaseDateVerdict } from '../../src/catalogue/releaseHealth';
import { catalogue, catalogueOf } from '../support/catalogue';

const DAY = 24 * 3_600_000;
const node = catalogue.sdks.get('node-server')!;

function verdict(sdk: CataloguedSdk, version: string, asOfMs: number): ReleaseDateVerdict {
  return releaseDateVerdict(catalogue, sdk, version, asOfMs);
}

/** Status and target only, for compact expectations. */
function judged(sdk: CataloguedSdk, version: string, asOfMs: number): [string, string] {
  const v = verdict(sdk, version, asOfMs);
  assert.equal(v.kind, 'judged', `${version}: ${JSON.stringify(v)}`);
  return v.kind === 'judged' ? [v.status, v.targetMajorMinor] : ['', ''];
}

const newest = node.releases[0]!;
/** The newest minor of the major before the newest: its end of life is the newest major's first release + 1 year. */
const lastOfPreviousMajor = node.releases.find((line) => line.major === newest.major - 1)!;
/** A line of the newest major that is not its newest minor. */
const olderOfNewestMajor = node.releases.find((line) => line.major === newest.major && line.minor < newest.minor)!;
const eolMs = (line: ReleaseLine) => line.endOfLifeMs!;

describe('release-date verdicts around an end-of-life date', () => {
  test('the lines used are what the data says', () => {
    assert.equal(newest.endOfLife, null);
    assert.ok(lastOfPreviousMajor.endOfLife && olderOfNewestMajor.endOfLife);
    assert.equal(eolMs(lastOfPreviousMajor), Date.parse(`${lastOfPreviousMajor.endOfLife}T00:00:00Z`));
  });

  test('the last minor of an older major: near end of life the day before, past on the day (from 00:00 UTC) and after; then the target is the newest line', () => {
    const version = `${lastOfPreviousMajor.major}.${lastOfPreviousMajor.minor}.4`;
    const own = `${lastOfPreviousMajor.major}.${lastOfPreviousMajor.minor}`;
    const newestText = `${newest.major}.${newest.minor}`;
    const eol = eolMs(lastOfPreviousMajor);
    assert.deepEqual(judged(node, version, eol - DAY), ['EolNear', own]);
    assert.deepEqual(judged(node, version, eol - 1), ['EolNear', own]);
    assert.deepEqual(judged(node, version, eol), ['EolPast', newestText]);
    assert.deepEqual(judged(node, version, eol + DAY - 1), ['EolPast', newestText]);
    assert.deepEqual(judged(node, version, eol + DAY), ['EolPast', newestText]);
  });

  test(`near end of life starts exactly ${NEAR_END_OF_LIFE_DAYS} days before it; before that an older major is "new major available"`, () => {
    const version = `${lastOfPreviousMajor.major}.${lastOfPreviousMajor.minor}.0`;
    const start = eolMs(lastOfPreviousMajor) - NEAR_END_OF_LIFE_DAYS * DAY;
    assert.equal(judged(node, version, start)[0], 'EolNear');
    assert.equal(judged(node, version, start - 1)[0], 'MajorVersionAvailable');
  });

  test('an older minor of the newest major: current until near its end of life, then past; the target stays the newest minor of its major', () => {
    const version = `${olderOfNewestMajor.major}.${olderOfNewestMajor.minor}.1`;
    const target = `${newest.major}.${newest.minor}`;
    const eol = eolMs(olderOfNewestMajor);
    assert.deepEqual(judged(node, version, eol - NEAR_END_OF_LIFE_DAYS * DAY - DAY), ['EolAllClear', target]);
    assert.deepEqual(judged(node, version, eol - DAY), ['EolNear', target]);
    assert.deepEqual(judged(node, version, eol), ['EolPast', target]);
    assert.deepEqual(judged(node, version, eol + DAY), ['EolPast', target]);
  });

  test('the newest minor never reaches end of life', () => {
    const version = `${newest.major}.${newest.minor}.0`;
    for (const asOf of [Date.parse('2026-08-21T00:00:00Z'), Date.parse('2100-01-01T00:00:00Z'), 8.64e15]) {
      const v = verdict(node, version, asOf);
      assert.ok(v.kind === 'judged' && v.status === 'EolAllClear' && v.line === newest && v.line.endOfLife === null, JSON.stringify(v));
      assert.equal(v.targetMajorMinor, `${newest.major}.${newest.minor}`);
    }
  });

  test('the verdict names its line, its release and end-of-life days and the data date', () => {
    const v = verdict(node, `v${lastOfPreviousMajor.major}.${lastOfPreviousMajor.minor}`, eolMs(lastOfPreviousMajor));
    assert.deepEqual(v, {
      kind: 'judged',
      status: 'EolPast',
      line: lastOfPreviousMajor,
      targetMajorMinor: `${newest.major}.${newest.minor}`,
      dataDate: catalogue.source.date,
    });
    assert.match(v.kind === 'judged' ? v.line.released : '', /^\d{4}-\d{2}-\d{2}$/);
  });

  test('a major that is still supported keeps its newest minor as the target, even for a line past end of life', () => {
    // One SDK whose 1.x lives on beside 2.x: 1.0 is past end of life, 1.1 is not yet.
    const sdks = catalogueOf({
      x: {
        name: 'X SDK',
        type: 'server-side',
        userAgents: ['XClient'],
        wrapperNames: [],
        github: 'launchdarkly/x',
        languages: [],
        releases: [
          [2, 0, '2025-06-01', null],
          [1, 1, '2025-01-01', '2026-06-01'],
          [1, 0, '2024-01-01', '2026-01-01'],
        ],
      },
    });
    const x = sdks.sdks.get('x')!;
    const at = (day: string) => Date.parse(`${day}T00:00:00Z`);
    const status = (version: string, day: string) => {
      const v = releaseDateVerdict(sdks, x, version, at(day));
      return v.kind === 'judged' ? [v.status, v.targetMajorMinor] : [v.reason];
    };
    assert.deepEqual(status('1.0.0', '2026-04-01'), ['EolPast', '1.1']);
    assert.deepEqual(status('1.1.0', '2026-04-01'), ['EolNear', '1.1']);
    assert.deepEqual(status('1.0.0', '2026-06-01'), ['EolPast', '2.0']);
    assert.deepEqual(status('1.1.0', '2025-01-02'), ['MajorVersionAvailable', '1.1']);
    assert.deepEqual(status('2.0.0', '2030-01-01'), ['EolAllClear', '2.0']);
  });
});

describe('versions that cannot be judged say why', () => {
  const asOf = Date.parse('2026-09-01T00:00:00Z');
  const reason = (sdk: CataloguedSdk, version: string) => {
    const v = verdict(sdk, version, asOf);
    assert.equal(v.dataDate, catalogue.source.date);
    return v.kind === 'notJudged' ? v.reason : v.status;
  };

  test('"Unknown" and empty versions', () => {
    assert.equal(reason(node, 'Unknown'), 'unknownVersion');
    assert.equal(reason(node, ''), 'unknownVersion');
  });

  test('text that is not major.minor[.patch]', () => {
    for (const version of [
      '9',
      'latest',
      '9.x',
      ' 9.1.0',
      '9.1.0 ',
      '9.1.0.1',
      'V9.1.0',
      '9..1',
      '9.1.',
      'unknown',
      '９.1.0',
      '9.1.0\n',
      '9'.repeat(200),
    ]) {
      assert.equal(reason(node, version), 'unreadable', JSON.stringify(version));
    }
  });

  test('pre-releases and build metadata', () => {
    assert.equal(reason(node, '9.1.0-rc.1'), 'preRelease');
    assert.equal(reason(node, '9.1.0-rc.1+build.5'), 'preRelease');
    assert.equal(reason(node, '9.1.0+build.5'), 'buildMetadata');
    assert.equal(reason(node, '9.1+5'), 'buildMetadata');
  });

  test('a version newer than the data knows: a later minor of the newest major, or a major the data does not have yet', () => {
    assert.equal(reason(node, `${newest.major}.${newest.minor + 1}.0`), 'newerThanData');
    assert.equal(reason(node, `${newest.major + 1}.0.0`), 'newerThanData');
    assert.equal(reason(node, '99999999999999999999.0.0'), 'newerThanData');
  });

  test('a major.minor the data does not list: older than its records, or skipped', () => {
    const go = catalogue.sdks.get('go-server-sdk')!;
    const oldest = go.releases[go.releases.length - 1]!;
    assert.equal(reason(go, `${oldest.major - 1}.0.0`), 'notInData');
    assert.equal(reason(go, `${oldest.major}.${oldest.minor - 1}.0`), 'notInData');
    const lastOfMajor = node.releases.find((line) => line.major === newest.major - 1)!;
    assert.equal(reason(node, `${lastOfMajor.major}.${lastOfMajor.minor + 1}.0`), 'notInData');
  });

  test('an SDK without release data', () => {
    const withoutReleases = [...catalogue.sdks.values()].filter((sdk) => sdk.releases.length === 0);
    assert.ok(withoutReleases.length > 0);
    for (const sdk of withoutReleases) assert.equal(reason(sdk, '1.0.0'), 'noReleaseData', sdk.id);
  });
});
