/**
 * Logging: JSON lines on stderr (stdout belongs to the admin command line's answers). Callers pass
 * fields they chose; request headers, bodies and tokens are never among them.
 */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export const stderrLogger: Logger = {
  info: (message, fields) => process.stderr.write(`${JSON.stringify({ at: new Date().toISOString(), level: 'info', message, ...fields })}\n`),
  error: (message, fields) => process.stderr.write(`${JSON.stringify({ at: new Date().toISOString(), level: 'error', message, ...fields })}\n`),
};

export const silentLogger: Logger = { info: () => {}, error: () => {} };

/** What may be logged of an unexpected error: its class, message and stack, on the server only. */
export function describeError(error: unknown): Record<string, unknown> {
  if (error instanceof Error) return { error: error.name, detail: error.message, stack: error.stack };
  return { error: String(error) };
}
