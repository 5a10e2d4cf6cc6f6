export function electronBinary(): string | null;
export function findElectron(): { binary: string; reason?: undefined } | { binary?: undefined; reason: string };
export function electronSqliteBinding():
  { binding: string; reason?: undefined } | { binding?: undefined; reason: string };
export function hasDisplay(): boolean;
