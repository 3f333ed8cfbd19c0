/** The environment variables a command sees (the real process's, or a test's). */
export type Env = Readonly<Record<string, string | undefined>>;
