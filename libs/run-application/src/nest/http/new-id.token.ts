/** A fresh random id (UUID v4) for new schedulers and runs: random ids belong to the shell, never the domain. */
export const NEW_ID = Symbol('NewId');
