import { ValidateBy } from 'class-validator';

/** The chunk index must be below the sibling `chunkCount` (chunks of a group are numbered from 0). */
export function IsBelowChunkCount(): PropertyDecorator {
  return ValidateBy({
    name: 'isBelowChunkCount',
    validator: {
      validate: (value: unknown, args) => {
        const { chunkCount } = args?.object as { chunkCount: unknown };
        return typeof value !== 'number' || typeof chunkCount !== 'number' || value < chunkCount;
      },
      defaultMessage: () => 'must be below chunkCount (chunks are numbered from 0)',
    },
  });
}
