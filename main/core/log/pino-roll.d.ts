/** pino-roll 4 ships no types: the part of its API main/core/log uses. */
declare module 'pino-roll' {
  import type SonicBoom from 'sonic-boom';

  export type PinoRollOptions = {
    /** base path; a number (and `extension`) is appended per file */
    file: string;
    /** rotate when a file reaches this size ('10m', '1g', or MB as a number) */
    size?: string | number;
    /** 'daily', 'hourly', or milliseconds */
    frequency?: 'daily' | 'hourly' | number;
    extension?: string;
    /** create the parent folder */
    mkdir?: boolean;
    /** files kept besides the current one */
    limit?: { count?: number; removeOtherLogFiles?: boolean };
    symlink?: boolean;
  };

  export default function pinoRoll(options: PinoRollOptions): Promise<SonicBoom>;
}
