/**
 * Estimators: OLS with statsmodels-grade inference, fixed effects, Ridge, ElasticNet and a random forest.
 * Each fit returns a plain results value; rendering lives apart.
 *
 * @module
 */
export {
  fitRidge,
  predictRidge,
  type RidgeFit,
  type RidgeOptions,
  type RidgePath,
  ridgePath,
} from "./ridge.ts";
export {
  elasticNetAlphaMax,
  type ElasticNetFit,
  type ElasticNetOptions,
  elasticNetPath,
  fitElasticNet,
  predictElasticNet,
} from "./elastic_net.ts";
export {
  fitRandomForest,
  predictRandomForest,
  type RandomForestFit,
  type RandomForestModel,
  type RandomForestOptions,
} from "./random_forest.ts";
