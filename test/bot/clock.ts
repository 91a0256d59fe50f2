/** The bot tests' clock: one fixed opening instant and offsets from it, passed to `--at`. */
export const T0 = '2026-11-02T10:00:00Z';
export const hours = (h: number): string => new Date(Date.parse(T0) + h * 3_600_000).toISOString();
export const days = (d: number): string => hours(d * 24);
