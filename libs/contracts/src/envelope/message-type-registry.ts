import { CONTRACT_UPCASTERS, type UpcasterRegistry } from '../upcasting/upcaster-registry';
import type { MessageContract } from './message-contract';

/** The message types a consumer accepts, and how to read their older versions. */
export interface MessageTypeRegistry<Contract extends MessageContract> {
  readonly contracts: ReadonlyMap<string, Contract>;
  readonly upcasters: UpcasterRegistry;
}

export function messageTypeRegistry<Contract extends MessageContract>(
  contracts: readonly Contract[],
  upcasters: UpcasterRegistry = CONTRACT_UPCASTERS,
): MessageTypeRegistry<Contract> {
  const byType = new Map<string, Contract>();
  for (const contract of contracts) {
    if (byType.has(contract.type)) throw new Error(`Message type ${contract.type} is registered twice`);
    byType.set(contract.type, contract);
  }
  return { contracts: byType, upcasters };
}
