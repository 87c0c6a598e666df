// Discord ids are snowflakes: milliseconds since the Discord epoch shifted left 22 bits plus an increment.
// discord.js derives createdAt from them and sorts message collections by them, so ids must increase.

const DISCORD_EPOCH = 1_420_070_400_000n;

export class SnowflakeGenerator {
  #last = 0n;

  next(at: number = Date.now()): string {
    let id = (BigInt(at) - DISCORD_EPOCH) << 22n;
    if (id <= this.#last) id = this.#last + 1n;
    this.#last = id;
    return id.toString();
  }
}

export function snowflakeTimestamp(id: string): number {
  return Number((BigInt(id) >> 22n) + DISCORD_EPOCH);
}

export function isSnowflake(value: string): boolean {
  return /^\d{1,20}$/.test(value);
}
