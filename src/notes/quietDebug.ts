/**
 * Stands in for the `debug` package inside the bundle (esbuild alias). simple-git logs
 * through it only when DEBUG=simple-git is set, which never happens in the extension host;
 * dropping it keeps the host bundle small. Mentorship logs to its own output channel.
 */
interface QuietLogger {
  (...args: unknown[]): void;
  readonly namespace: string;
  readonly enabled: false;
  extend(suffix: string): QuietLogger;
}

function createDebug(namespace: string): QuietLogger {
  const logger = (() => undefined) as unknown as QuietLogger;
  return Object.assign(logger, {
    namespace,
    enabled: false as const,
    extend: (suffix: string) => createDebug(`${namespace}:${suffix}`),
  });
}

createDebug.formatters = {} as Record<string, (value: unknown) => string>;

export = createDebug;
