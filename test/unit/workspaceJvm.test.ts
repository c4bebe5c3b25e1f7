/** The workspace reader on JVM and Android builds: Maven POMs with properties and parents, Gradle scripts, properties and version catalogues. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { scanWorkspaceFiles } from '../../src/workspace/scan';
import { dependencyIn, fixtureFiles, summary, textAt } from '../support/workspaceFixtures';

describe('Maven', () => {
  const files = fixtureFiles('maven');
  const scan = scanWorkspaceFiles(files);

  test("a module's versions come from its parent's dependencyManagement and properties, its own properties first", () => {
    assert.deepEqual(summary(scan), [
      'mobile/pom.xml | com.launchdarkly:launchdarkly-android-client-sdk | android | direct | 5.4.0 | exact | 5.4.0 (exact, manifest)',
      'service/pom.xml | com.launchdarkly:launchdarkly-client | java-server-sdk | direct | [4.14,5.0) | range | [4.14,5.0) (range, manifest)',
      'service/pom.xml | com.launchdarkly:launchdarkly-java-server-sdk | java-server-sdk | direct | 7.4.1 | exact | 7.4.1 (exact, manifest)',
    ]);
    assert.deepEqual(scan.problems, []);
  });

  test('the dependency is at its artifactId; the version where its property (through a property of a property) is written', () => {
    const managed = dependencyIn(scan, 'service/pom.xml', 'com.launchdarkly:launchdarkly-java-server-sdk');
    assert.equal(textAt(files, 'service/pom.xml', managed.span), '<artifactId>launchdarkly-java-server-sdk</artifactId>');
    assert.equal(managed.span.start.line, 13);
    assert.equal(managed.declaredAt?.file, 'pom.xml');
    assert.equal(textAt(files, 'pom.xml', managed.declaredAt!.span), '<launchdarkly.version>7.4.1</launchdarkly.version>');
    const own = dependencyIn(scan, 'mobile/pom.xml', 'com.launchdarkly:launchdarkly-android-client-sdk');
    assert.equal(own.declaredAt?.file, 'mobile/pom.xml');
    assert.equal(own.declaredAt!.span.start.line, 11);
    const profile = dependencyIn(scan, 'service/pom.xml', 'com.launchdarkly:launchdarkly-client');
    assert.equal(profile.section, 'test');
    assert.equal(profile.declaredAt, undefined);
  });

  test('without its parent in the workspace, a managed dependency has no version and a property stays unread', () => {
    const alone = scanWorkspaceFiles(files.filter((f) => f.path !== 'pom.xml'));
    assert.deepEqual(summary(alone), [
      'mobile/pom.xml | com.launchdarkly:launchdarkly-android-client-sdk | android | direct | 5.4.0 | exact | 5.4.0 (exact, manifest)',
      'service/pom.xml | com.launchdarkly:launchdarkly-client | java-server-sdk | direct | [4.14,5.0) | range | [4.14,5.0) (range, manifest)',
      'service/pom.xml | com.launchdarkly:launchdarkly-java-server-sdk | java-server-sdk | direct | - | unpinned | -',
    ]);
    const unread = scanWorkspaceFiles([
      {
        path: 'pom.xml',
        content: files
          .find((f) => f.path === 'mobile/pom.xml')!
          .content.toString()
          .replace(/<properties>[\s\S]*<\/properties>/, ''),
      },
    ]);
    assert.deepEqual(summary(unread), [
      'pom.xml | com.launchdarkly:launchdarkly-android-client-sdk | android | direct | ${launchdarkly.version} | other | -',
    ]);
  });

  test('properties that repeat each other stop growing at a cap and leave the version unread', () => {
    const properties = Array.from({ length: 30 }, (_, i) => `<p${i}>\${p${i + 1}}\${p${i + 1}}</p${i}>`).join('');
    const pom = `<project><properties>${properties}<p30>x</p30></properties><dependencies><dependency><groupId>com.launchdarkly</groupId><artifactId>launchdarkly-java-server-sdk</artifactId><version>\${p0}</version></dependency></dependencies></project>`;
    const [dependency] = scanWorkspaceFiles([{ path: 'pom.xml', content: pom }]).dependencies;
    assert.ok(dependency!.declared!.length <= 1000, `${dependency!.declared!.length} characters`);
    assert.equal(dependency!.declaredKind, 'other');
  });

  test('parents that form a cycle end the search instead of looping', () => {
    const pom = (parent: string, version: string) =>
      `<project><parent><relativePath>${parent}</relativePath></parent><dependencies><dependency><groupId>com.launchdarkly</groupId><artifactId>launchdarkly-java-server-sdk</artifactId><version>${version}</version></dependency></dependencies></project>`;
    const scan = scanWorkspaceFiles([
      { path: 'a/pom.xml', content: pom('../b', '${v}') },
      { path: 'b/pom.xml', content: pom('../a/pom.xml', '${v}') },
    ]);
    assert.deepEqual(
      scan.dependencies.map((d) => d.declared),
      ['${v}', '${v}'],
    );
  });
});

describe('Gradle', () => {
  const files = fixtureFiles('gradle');
  const scan = scanWorkspaceFiles(files);

  test('catalogue aliases, string and map notations, variables from the script and gradle.properties; comments are not read', () => {
    assert.deepEqual(summary(scan), [
      'app/build.gradle.kts | com.launchdarkly:launchdarkly-android-client-sdk | android | direct | 5.4.0 | exact | 5.4.0 (exact, manifest)',
      'app/build.gradle.kts | com.launchdarkly:launchdarkly-java-server-sdk | java-server-sdk | direct | 7.3.0 | exact | 7.3.0 (exact, manifest)',
      // Declared in the catalogue and used by no build script here: reported where it is declared.
      'gradle/libs.versions.toml | com.launchdarkly:launchdarkly-client | java-server-sdk | unknown | 4.14.1 | exact | 4.14.1 (exact, manifest)',
      'server/build.gradle | com.launchdarkly:launchdarkly-java-server-sdk | java-server-sdk | direct | 7.+ | range | 7.+ (range, manifest)',
      'server/build.gradle | com.launchdarkly:launchdarkly-java-server-sdk | java-server-sdk | direct | 7.+ | range | 7.+ (range, manifest)',
      'server/build.gradle | com.launchdarkly:launchdarkly-java-server-sdk | java-server-sdk | direct | 7.4.1 | exact | 7.4.1 (exact, manifest)',
    ]);
  });

  test('a catalogue reference is at its line in the script, its version where the catalogue writes it', () => {
    const android = dependencyIn(scan, 'app/build.gradle.kts', 'com.launchdarkly:launchdarkly-android-client-sdk');
    assert.equal(textAt(files, android.file, android.span), 'implementation(libs.ld.android)');
    assert.equal(android.section, 'implementation');
    assert.equal(android.declaredAt?.file, 'gradle/libs.versions.toml');
    assert.equal(textAt(files, 'gradle/libs.versions.toml', android.declaredAt!.span), 'launchdarkly-android = "5.4.0"');
    const rich = dependencyIn(scan, 'server/build.gradle', 'com.launchdarkly:launchdarkly-java-server-sdk', 'api');
    assert.equal(rich.declaredAt!.span.start.line, 6);
    const properties = dependencyIn(scan, 'app/build.gradle.kts', 'com.launchdarkly:launchdarkly-java-server-sdk');
    assert.equal(properties.section, 'testImplementation');
    assert.equal(properties.declaredAt?.file, 'gradle.properties');
    assert.equal(textAt(files, 'gradle.properties', properties.declaredAt!.span), 'ldServerVersion=7.3.0');
    const map = dependencyIn(scan, 'server/build.gradle', 'com.launchdarkly:launchdarkly-java-server-sdk', 'implementation');
    assert.equal(
      textAt(files, map.file, map.span),
      "implementation group: 'com.launchdarkly', name: 'launchdarkly-java-server-sdk', version: ldVersion",
    );
    assert.equal(textAt(files, map.file, map.declaredAt!.span), "ldVersion = '7.+'");
    const unused = dependencyIn(scan, 'gradle/libs.versions.toml', 'com.launchdarkly:launchdarkly-client');
    assert.equal(textAt(files, unused.file, unused.span), 'ld-unused = "com.launchdarkly:launchdarkly-client:4.14.1"');
  });

  test("a reference inside a version takes the script's own variable first, then gradle.properties", () => {
    const script = [
      "def ldMajor = '7'",
      'dependencies {',
      '    implementation "com.launchdarkly:launchdarkly-java-server-sdk:${ldMajor}.4.1"',
      '    api "com.launchdarkly:launchdarkly-android-client-sdk:$ldAndroid-SNAPSHOT"',
      '    runtimeOnly "com.launchdarkly:launchdarkly-java-server-sdk:$ldMajor"',
      '}',
    ].join('\n');
    const scan = scanWorkspaceFiles([
      { path: 'build.gradle', content: script },
      { path: 'gradle.properties', content: 'ldMajor=6\nldAndroid=5.4.0\n' },
    ]);
    assert.deepEqual(summary(scan), [
      'build.gradle | com.launchdarkly:launchdarkly-android-client-sdk | android | direct | 5.4.0-SNAPSHOT | exact | 5.4.0-SNAPSHOT (exact, manifest)',
      'build.gradle | com.launchdarkly:launchdarkly-java-server-sdk | java-server-sdk | direct | 7 | exact | 7 (exact, manifest)',
      'build.gradle | com.launchdarkly:launchdarkly-java-server-sdk | java-server-sdk | direct | 7.4.1 | exact | 7.4.1 (exact, manifest)',
    ]);
    // A version that is one reference is where the variable is written; one only partly a reference stays where the dependency is.
    const whole = dependencyIn(scan, 'build.gradle', 'com.launchdarkly:launchdarkly-java-server-sdk', 'runtimeOnly');
    assert.deepEqual(whole.declaredAt, {
      file: 'build.gradle',
      span: { start: { line: 0, character: 0 }, end: { line: 0, character: 17 } },
    });
    assert.equal(
      dependencyIn(scan, 'build.gradle', 'com.launchdarkly:launchdarkly-java-server-sdk', 'implementation').declaredAt,
      undefined,
    );
  });

  test('a catalogue library written as its own table is placed at that table, not at another header', () => {
    const content =
      '[versions]\nld = "7.4.1"\n\n[libraries.ld-java]\nmodule = "com.launchdarkly:launchdarkly-java-server-sdk"\nversion.ref = "ld"\n';
    const files = [{ path: 'gradle/libs.versions.toml', content }];
    const [entry] = scanWorkspaceFiles(files).dependencies;
    assert.equal(textAt(files, entry!.file, entry!.span), '[libraries.ld-java]');
    assert.equal(entry!.declared, '7.4.1');
    assert.equal(textAt(files, entry!.file, entry!.declaredAt!.span), 'ld = "7.4.1"');
  });
});
