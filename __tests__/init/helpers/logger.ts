export type Level = 'error' | 'warn' | 'info';

export interface LogRecord {
  level: Level;
  obj: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  msg: string | undefined;
}

/** A logger with pino's (obj, msg) signature that keeps what it is given. */
export function captureLogger(records: LogRecord[]): Record<Level, (obj: object, msg?: string) => void> {
  const at =
    (level: Level) =>
    (obj: object, msg?: string): void => {
      records.push({ level, obj: obj as LogRecord['obj'], msg });
    };
  return { error: at('error'), warn: at('warn'), info: at('info') };
}

/** The level the contract implies: 5xx error, 401/403/429 warn, other 4xx info. */
export function levelFor(status: number): Level {
  if (status >= 500) return 'error';
  return status === 401 || status === 403 || status === 429 ? 'warn' : 'info';
}
