/**
 * Request validation: JSON bodies are checked strictly (a number is not a string), while query
 * strings and path parameters, which are always text on the wire, are coerced to their types.
 */
import { Ajv, type Options } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';

function createAjv(coerce: boolean): Ajv {
  const options: Options = {
    removeAdditional: false,
    allErrors: true,
    useDefaults: true,
    coerceTypes: coerce ? 'array' : false,
    strict: false,
  };
  const ajv = new Ajv(options);
  addFormats.default(ajv);
  return ajv;
}

export function validatorCompiler(): FastifySchemaCompiler<unknown> {
  const strict = createAjv(false);
  const coercing = createAjv(true);
  return ({ schema, httpPart }) => (httpPart === 'body' ? strict : coercing).compile(schema as object);
}
