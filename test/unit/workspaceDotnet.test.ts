/** The workspace reader on .NET: project files, central package management, Directory.Build.props properties, packages.lock.json. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { scanWorkspaceFiles } from '../../src/workspace/scan';
import { dependencyIn, fixtureFiles, summary, textAt } from '../support/workspaceFixtures';

describe('.NET', () => {
  test('central package management: a reference without a version takes the nearest Directory.Packages.props, names compared without case', () => {
    const files = fixtureFiles('dotnet');
    const scan = scanWorkspaceFiles(files);
    assert.deepEqual(summary(scan), [
      // Set centrally and referenced by no project here: reported where it is set.
      'Directory.Packages.props | LaunchDarkly.Xamarin | dotnet-client-sdk | unknown | 1.2.0 | exact | 1.2.0 (exact, manifest)',
      'src/Api/Api.csproj | launchdarkly.serversdk | dotnet-server-sdk | direct | 8.5.0 | exact | 8.5.0 (exact, lockfile)',
      'src/Mobile/Mobile.csproj | LaunchDarkly.ClientSdk | dotnet-client-sdk | direct | 5.4.0 | exact | 5.4.0 (exact, manifest)',
      'src/Mobile/Mobile.csproj | LaunchDarkly.ServerSdk | dotnet-server-sdk | direct | [8.0.0, 9.0.0) | range | [8.0.0, 9.0.0) (range, manifest)',
    ]);
    const api = dependencyIn(scan, 'src/Api/Api.csproj', 'launchdarkly.serversdk');
    assert.equal(textAt(files, api.file, api.span), '<PackageReference Include="launchdarkly.serversdk" />');
    assert.equal(api.span.start.line, 6);
    assert.equal(api.declaredAt?.file, 'Directory.Packages.props');
    assert.equal(
      textAt(files, 'Directory.Packages.props', api.declaredAt!.span),
      '<PackageVersion Include="LaunchDarkly.ServerSdk" Version="8.5.0" />',
    );
    assert.equal(api.lockfile?.file, 'src/Api/packages.lock.json');
    assert.equal(textAt(files, 'src/Api/packages.lock.json', api.lockfile!.span), '"LaunchDarkly.ServerSdk"');
    const client = dependencyIn(scan, 'src/Mobile/Mobile.csproj', 'LaunchDarkly.ClientSdk');
    assert.equal(
      textAt(files, 'Directory.Packages.props', client.declaredAt!.span),
      '<LaunchDarklyClientVersion>5.4.0</LaunchDarklyClientVersion>',
    );
  });

  test('a version as a child element, a property from Directory.Build.props, an exact interval; an F# project', () => {
    const files = fixtureFiles('dotnet-legacy');
    const scan = scanWorkspaceFiles(files);
    assert.deepEqual(summary(scan), [
      'Legacy.fsproj | LaunchDarkly.Client | dotnet-server-sdk | direct | 5.14.1 | exact | 5.14.1 (exact, manifest)',
      'Legacy.fsproj | LaunchDarkly.ServerSdk | dotnet-server-sdk | direct | 5.* | range | 5.* (range, manifest)',
      'Legacy.fsproj | LaunchDarkly.XamarinSdk | dotnet-client-sdk | direct | [1.2.3] | exact | 1.2.3 (exact, manifest)',
    ]);
    const property = dependencyIn(scan, 'Legacy.fsproj', 'LaunchDarkly.ServerSdk');
    assert.equal(textAt(files, 'Directory.Build.props', property.declaredAt!.span), '<LdServerVersion>5.*</LdServerVersion>');
    const child = dependencyIn(scan, 'Legacy.fsproj', 'LaunchDarkly.Client');
    assert.equal(textAt(files, child.file, child.span), '<PackageReference Include="LaunchDarkly.Client">');
  });

  test('packages.lock.json alone: Direct and Transitive entries, one per version across target frameworks', () => {
    const lock = {
      version: 1,
      dependencies: {
        'net6.0': {
          'LaunchDarkly.ServerSdk': { type: 'Direct', resolved: '7.1.0' },
          'LaunchDarkly.ClientSdk': { type: 'Transitive', resolved: '4.0.0' },
        },
        'net8.0': { 'LaunchDarkly.ServerSdk': { type: 'Direct', resolved: '7.1.0' } },
      },
    };
    assert.deepEqual(summary(scanWorkspaceFiles([{ path: 'packages.lock.json', content: JSON.stringify(lock, null, 2) }])), [
      'packages.lock.json | LaunchDarkly.ClientSdk | dotnet-client-sdk | transitive | - | - | 4.0.0 (exact, lockfile)',
      'packages.lock.json | LaunchDarkly.ServerSdk | dotnet-server-sdk | direct | - | - | 7.1.0 (exact, lockfile)',
    ]);
  });
});
