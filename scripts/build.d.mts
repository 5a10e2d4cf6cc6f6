export const root: string;
export function isStale(): boolean;
export function build(options?: { force?: boolean; quiet?: boolean }): Promise<boolean>;
