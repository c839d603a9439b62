import type { Migration } from './types';

/**
 * HSDS 3.1 tables with their scalar fields. Ids are the dataset's own and are never renumbered.
 * Foreign keys mirror the spec; nested arrays in HSDS JSON become these rows.
 */
export const migration001: Migration = {
  name: '001_hsds_tables',
  up: `
    CREATE TABLE organization (
      id TEXT PRIMARY KEY, name TEXT NOT NULL, alternate_name TEXT, description TEXT, email TEXT,
      website TEXT, year_incorporated INTEGER, legal_status TEXT, logo TEXT, uri TEXT,
      parent_organization_id TEXT
    );
    CREATE TABLE organization_identifier (
      id TEXT PRIMARY KEY, organization_id TEXT REFERENCES organization(id),
      identifier_scheme TEXT, identifier_type TEXT NOT NULL, identifier TEXT NOT NULL
    );
    CREATE TABLE url (
      id TEXT PRIMARY KEY, label TEXT, url TEXT NOT NULL,
      organization_id TEXT REFERENCES organization(id), service_id TEXT REFERENCES service(id)
    );
    CREATE TABLE program (
      id TEXT PRIMARY KEY, organization_id TEXT REFERENCES organization(id), name TEXT NOT NULL,
      alternate_name TEXT, description TEXT
    );
    CREATE TABLE service (
      id TEXT PRIMARY KEY, organization_id TEXT NOT NULL REFERENCES organization(id),
      program_id TEXT REFERENCES program(id), name TEXT NOT NULL, alternate_name TEXT, description TEXT,
      url TEXT, email TEXT, status TEXT NOT NULL DEFAULT 'active', interpretation_services TEXT,
      application_process TEXT, fees_description TEXT, wait_time TEXT, fees TEXT, accreditations TEXT,
      eligibility_description TEXT, minimum_age REAL, maximum_age REAL, assured_date TEXT,
      assurer_email TEXT, licenses TEXT, alert TEXT, last_modified TEXT
    );
    CREATE INDEX service_organization ON service(organization_id);
    CREATE TABLE location (
      id TEXT PRIMARY KEY, location_type TEXT NOT NULL, url TEXT,
      organization_id TEXT REFERENCES organization(id), name TEXT, alternate_name TEXT, description TEXT,
      transportation TEXT, latitude REAL, longitude REAL, external_identifier TEXT,
      external_identifier_type TEXT
    );
    CREATE TABLE service_at_location (
      id TEXT PRIMARY KEY, service_id TEXT NOT NULL REFERENCES service(id),
      location_id TEXT NOT NULL REFERENCES location(id), description TEXT
    );
    CREATE INDEX sal_service ON service_at_location(service_id);
    CREATE INDEX sal_location ON service_at_location(location_id);
    CREATE TABLE address (
      id TEXT PRIMARY KEY, location_id TEXT REFERENCES location(id), attention TEXT, address_1 TEXT,
      address_2 TEXT, city TEXT, region TEXT, state_province TEXT, postal_code TEXT, country TEXT,
      address_type TEXT
    );
    CREATE INDEX address_location ON address(location_id);
    CREATE TABLE contact (
      id TEXT PRIMARY KEY, organization_id TEXT REFERENCES organization(id),
      service_id TEXT REFERENCES service(id), service_at_location_id TEXT REFERENCES service_at_location(id),
      location_id TEXT REFERENCES location(id), name TEXT, title TEXT, department TEXT, email TEXT
    );
    CREATE TABLE phone (
      id TEXT PRIMARY KEY, location_id TEXT REFERENCES location(id), service_id TEXT REFERENCES service(id),
      organization_id TEXT REFERENCES organization(id), contact_id TEXT REFERENCES contact(id),
      service_at_location_id TEXT REFERENCES service_at_location(id), number TEXT NOT NULL,
      extension TEXT, type TEXT, description TEXT
    );
    CREATE INDEX phone_service ON phone(service_id);
    CREATE INDEX phone_location ON phone(location_id);
    CREATE INDEX phone_organization ON phone(organization_id);
    CREATE TABLE schedule (
      id TEXT PRIMARY KEY, service_id TEXT REFERENCES service(id), location_id TEXT REFERENCES location(id),
      service_at_location_id TEXT REFERENCES service_at_location(id), valid_from TEXT, valid_to TEXT,
      dtstart TEXT, timezone REAL, until TEXT, count INTEGER, wkst TEXT, freq TEXT, interval INTEGER,
      byday TEXT, byweekno TEXT, bymonthday TEXT, byyearday TEXT, description TEXT, opens_at TEXT,
      closes_at TEXT, schedule_link TEXT, attending_type TEXT, notes TEXT
    );
    CREATE INDEX schedule_service ON schedule(service_id);
    CREATE TABLE language (
      id TEXT PRIMARY KEY, service_id TEXT REFERENCES service(id), location_id TEXT REFERENCES location(id),
      phone_id TEXT REFERENCES phone(id), name TEXT, code TEXT, note TEXT
    );
    CREATE INDEX language_service ON language(service_id);
    CREATE TABLE service_area (
      id TEXT PRIMARY KEY, service_id TEXT REFERENCES service(id),
      service_at_location_id TEXT REFERENCES service_at_location(id), name TEXT, description TEXT,
      extent TEXT, extent_type TEXT, uri TEXT
    );
    CREATE TABLE taxonomy (
      id TEXT PRIMARY KEY, name TEXT NOT NULL, description TEXT NOT NULL, uri TEXT, version TEXT
    );
    CREATE TABLE taxonomy_term (
      id TEXT PRIMARY KEY, code TEXT, name TEXT NOT NULL, description TEXT NOT NULL,
      parent_id TEXT REFERENCES taxonomy_term(id), taxonomy TEXT, language TEXT,
      taxonomy_id TEXT REFERENCES taxonomy(id), term_uri TEXT
    );
    CREATE TABLE attribute (
      id TEXT PRIMARY KEY, link_id TEXT NOT NULL, taxonomy_term_id TEXT NOT NULL REFERENCES taxonomy_term(id),
      link_type TEXT, link_entity TEXT NOT NULL, value TEXT, label TEXT
    );
    CREATE INDEX attribute_link ON attribute(link_entity, link_id);
    CREATE INDEX attribute_term ON attribute(taxonomy_term_id);
    CREATE TABLE cost_option (
      id TEXT PRIMARY KEY, service_id TEXT REFERENCES service(id), valid_from TEXT, valid_to TEXT,
      option TEXT, currency TEXT, amount REAL, amount_description TEXT
    );
    CREATE TABLE required_document (
      id TEXT PRIMARY KEY, service_id TEXT REFERENCES service(id), document TEXT, uri TEXT
    );
    CREATE TABLE funding (
      id TEXT PRIMARY KEY, organization_id TEXT REFERENCES organization(id),
      service_id TEXT REFERENCES service(id), source TEXT
    );
    CREATE TABLE accessibility (
      id TEXT PRIMARY KEY, location_id TEXT REFERENCES location(id), description TEXT, details TEXT, url TEXT
    );
    CREATE TABLE unit (
      id TEXT PRIMARY KEY, name TEXT NOT NULL, scheme TEXT, identifier TEXT, uri TEXT
    );
    CREATE TABLE service_capacity (
      id TEXT PRIMARY KEY, service_id TEXT NOT NULL REFERENCES service(id), unit_id TEXT NOT NULL REFERENCES unit(id),
      available REAL NOT NULL, maximum REAL, description TEXT, updated TEXT NOT NULL
    );
    CREATE TABLE metadata (
      id TEXT PRIMARY KEY, resource_id TEXT NOT NULL, resource_type TEXT NOT NULL, last_action_date TEXT NOT NULL,
      last_action_type TEXT NOT NULL, field_name TEXT NOT NULL, previous_value TEXT NOT NULL,
      replacement_value TEXT NOT NULL, updated_by TEXT NOT NULL
    );
    CREATE INDEX metadata_resource ON metadata(resource_id);
  `,
};
