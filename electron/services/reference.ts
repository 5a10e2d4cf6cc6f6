/** The reference list of English upper-tier authorities, with its crosswalk (resources/reference). */
import reference from '../../resources/reference/english-authorities.json';
import { createAuthorityLookup, type ReferenceAuthority } from '#shared/model/authorities.js';

export const referenceAuthorities = reference as ReferenceAuthority[];
export const authorityLookup = createAuthorityLookup(referenceAuthorities);
