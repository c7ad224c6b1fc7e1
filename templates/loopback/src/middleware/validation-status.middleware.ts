import {HttpErrors, Middleware} from '@loopback/rest';

interface ValidationError extends Error {
  statusCode?: number;
  code?: string;
  details?: unknown;
}

/**
 * LoopBack answers a request body that fails its JSON schema with 422
 * (VALIDATION_FAILED); this API's contract says 400, like any other bad
 * input. The error keeps its code and details.
 */
export const validationStatus: Middleware = async (_context, next) => {
  try {
    return await next();
  } catch (err) {
    const error = err as ValidationError;
    if (error.statusCode !== 422) throw err;
    throw Object.assign(new HttpErrors.BadRequest(error.message), {
      code: error.code,
      details: error.details,
    });
  }
};
