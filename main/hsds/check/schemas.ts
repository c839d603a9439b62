/** The official HSDS 3.1 JSON Schemas (schema/*.json, copied from openreferral/specification 3.1-dev, CC BY-SA 4.0). */
import accessibility from './schema/accessibility.json';
import address from './schema/address.json';
import attribute from './schema/attribute.json';
import contact from './schema/contact.json';
import costOption from './schema/cost_option.json';
import funding from './schema/funding.json';
import language from './schema/language.json';
import location from './schema/location.json';
import metaTableDescription from './schema/meta_table_description.json';
import metadata from './schema/metadata.json';
import organization from './schema/organization.json';
import organizationIdentifier from './schema/organization_identifier.json';
import phone from './schema/phone.json';
import program from './schema/program.json';
import requiredDocument from './schema/required_document.json';
import schedule from './schema/schedule.json';
import service from './schema/service.json';
import serviceArea from './schema/service_area.json';
import serviceAtLocation from './schema/service_at_location.json';
import serviceCapacity from './schema/service_capacity.json';
import taxonomy from './schema/taxonomy.json';
import taxonomyTerm from './schema/taxonomy_term.json';
import unit from './schema/unit.json';
import url from './schema/url.json';

export const HSDS_SCHEMAS: Record<string, HsdsSchema> = {
  'accessibility.json': accessibility as HsdsSchema,
  'address.json': address as HsdsSchema,
  'attribute.json': attribute as HsdsSchema,
  'contact.json': contact as HsdsSchema,
  'cost_option.json': costOption as HsdsSchema,
  'funding.json': funding as HsdsSchema,
  'language.json': language as HsdsSchema,
  'location.json': location as HsdsSchema,
  'meta_table_description.json': metaTableDescription as HsdsSchema,
  'metadata.json': metadata as HsdsSchema,
  'organization.json': organization as HsdsSchema,
  'organization_identifier.json': organizationIdentifier as HsdsSchema,
  'phone.json': phone as HsdsSchema,
  'program.json': program as HsdsSchema,
  'required_document.json': requiredDocument as HsdsSchema,
  'schedule.json': schedule as HsdsSchema,
  'service.json': service as HsdsSchema,
  'service_area.json': serviceArea as HsdsSchema,
  'service_at_location.json': serviceAtLocation as HsdsSchema,
  'service_capacity.json': serviceCapacity as HsdsSchema,
  'taxonomy.json': taxonomy as HsdsSchema,
  'taxonomy_term.json': taxonomyTerm as HsdsSchema,
  'unit.json': unit as HsdsSchema,
  'url.json': url as HsdsSchema,
};

export interface HsdsProperty {
  type?: string;
  format?: string;
  enum?: string[];
  $ref?: string;
  datapackage_type?: string;
  items?: unknown;
}
export interface HsdsSchema {
  name: string;
  required?: string[];
  tabular_required?: string[];
  properties: Record<string, HsdsProperty>;
}
