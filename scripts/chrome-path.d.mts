export function findChrome(): string | null;
