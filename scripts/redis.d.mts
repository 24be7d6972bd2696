/** The path of a redis-server executable on this machine, or undefined. */
export function findRedisServer(): string | undefined;
