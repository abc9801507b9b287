/**
 * Nest injection tokens of the ports every service wires to adapters. Symbols, so that two modules can
 * never collide by accident on a string.
 */
export const EVENT_STORE = Symbol('EventStore');
export const MESSAGE_PUBLISHER = Symbol('MessagePublisher');
export const CLOCK = Symbol('Clock');
export const TAX_ENGINE = Symbol('TaxEngine');
export const READ_MODEL_DATA_SOURCE = Symbol('ReadModelDataSource');
export const APP_LOGGER = Symbol('AppLogger');
