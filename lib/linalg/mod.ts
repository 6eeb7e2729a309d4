/**
 * Dense linear algebra on row-major `Float64Array`s: products, Cholesky, Householder QR least squares,
 * symmetric eigenvalues. Small and dependency-free so that hot loops can use the allocation-free variants.
 *
 * @module
 */
export * from "./products.ts";
export * from "./cholesky.ts";
export * from "./qr.ts";
export * from "./eigen.ts";
export * from "./singular_values.ts";
