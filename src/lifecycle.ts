/**
 * Dispose once: an owner registers what it creates, and disposing the owner disposes all of it, the
 * last registered first. A second dispose does nothing, so a panel's `onDidDispose` answering the
 * panel's own dispose cannot run the teardown twice. After vscode-pull-request-github's
 * `src/common/lifecycle.ts`. No `vscode` import: VS Code's disposables fit the interface.
 */

export interface Disposable {
  dispose(): void;
}

export abstract class DisposableOwner implements Disposable {
  private disposed = false;
  private readonly owned: Disposable[] = [];

  protected get isDisposed(): boolean {
    return this.disposed;
  }

  /** Keeps `item` to be disposed with this owner; an owner already disposed disposes it at once. */
  protected register<T extends Disposable>(item: T): T {
    if (this.disposed) {
      item.dispose();
    } else {
      this.owned.push(item);
    }
    return item;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    // One item that throws must not keep the others alive; its error is passed on afterwards.
    const errors: unknown[] = [];
    for (let item = this.owned.pop(); item; item = this.owned.pop()) {
      try {
        item.dispose();
      } catch (error) {
        errors.push(error);
      }
    }
    if (errors.length === 1) throw errors[0];
    if (errors.length > 1) throw new AggregateError(errors, `${errors.length} disposables failed to dispose`);
  }
}
