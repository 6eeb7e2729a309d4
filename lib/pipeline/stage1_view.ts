/**
 * Placeholder: being filled (issue #10).
 *
 * @module
 */
export {};
