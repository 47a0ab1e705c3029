import { z } from 'zod';

/**
 * The shared schemas of lib/model are plain objects, which drop unknown keys silently. On input
 * the backend wants the opposite: a typo'd or unexpected field is a 400 that names it, not data
 * quietly lost. `strictInput` derives, once per schema, a copy in which every nested object
 * rejects unknown keys; defaults, refinements and checks are kept. Output schemas stay as they
 * are (an older client ignoring a new field is fine).
 */

type AnySchema = z.ZodType;
// zod 4's definitions, as far as this walk needs them.
interface Def {
  type: string;
  [key: string]: unknown;
}
interface Cloneable {
  _zod: { def: Def };
  clone(def: Def): AnySchema;
}

const cache = new WeakMap<AnySchema, AnySchema>();

export function strictInput<S extends AnySchema>(schema: S): S {
  return deepStrict(schema) as S;
}

function deepStrict(schema: AnySchema): AnySchema {
  const hit = cache.get(schema);
  if (hit) return hit;
  const node = schema as unknown as Cloneable;
  const def = node._zod.def;
  let out: AnySchema;
  switch (def.type) {
    case 'object': {
      const shape = def.shape as Record<string, AnySchema>;
      const strictShape = Object.fromEntries(Object.entries(shape).map(([key, value]) => [key, deepStrict(value)]));
      out = node.clone({ ...def, shape: strictShape, catchall: z.never() });
      break;
    }
    case 'array':
      out = node.clone({ ...def, element: deepStrict(def.element as AnySchema) });
      break;
    case 'union':
      out = node.clone({ ...def, options: (def.options as AnySchema[]).map(deepStrict) });
      break;
    case 'intersection':
      out = node.clone({ ...def, left: deepStrict(def.left as AnySchema), right: deepStrict(def.right as AnySchema) });
      break;
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'nonoptional':
      out = node.clone({ ...def, innerType: deepStrict(def.innerType as AnySchema) });
      break;
    case 'pipe':
      out = node.clone({ ...def, in: deepStrict(def.in as AnySchema) });
      break;
    case 'record':
      out = node.clone({ ...def, valueType: deepStrict(def.valueType as AnySchema) });
      break;
    default:
      out = schema;
  }
  cache.set(schema, out);
  return out;
}
