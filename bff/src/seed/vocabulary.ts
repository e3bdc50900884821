// Word lists for generated demo names and addresses; plain data.
export const COMPANY_FIRST = [
  'Alpine', 'Blue', 'Cedar', 'Delta', 'Ember', 'Fjord', 'Granite', 'Harbor', 'Iris', 'Juniper', 'Kestrel', 'Lumen',
  'Maple', 'Nimbus', 'Oak', 'Pioneer', 'Quartz', 'River', 'Summit', 'Tidal', 'Umber', 'Vertex', 'Willow', 'Zephyr',
];
export const COMPANY_SECOND = [
  'Analytics', 'Bakery', 'Consulting', 'Dental', 'Engineering', 'Foods', 'Logistics', 'Health', 'Interiors', 'Legal',
  'Media', 'Motors', 'Optics', 'Pharmacy', 'Robotics', 'Studios', 'Textiles', 'Trading', 'Travel', 'Ventures',
];
export const COMPANY_SUFFIX = ['Ltd', 'GmbH', 'S.A.', 'LLC', 'B.V.', 'Oy', 'AB', 'Inc.'];
export const FIRST_NAMES = [
  'Alice', 'Bruno', 'Chloé', 'Dimitri', 'Elena', 'Farid', 'Greta', 'Hugo', 'Ines', 'Jonas', 'Katarina', 'Luca',
  'Maria', 'Nikos', 'Olga', 'Pedro', 'Quinn', 'Rosa', 'Stefan', 'Tara', 'Umar', 'Vera', 'Wim', 'Yara',
];
export const LAST_NAMES = [
  'Andersen', 'Bianchi', 'Costa', 'Dubois', 'Evans', 'Fischer', 'Garcia', 'Horvat', 'Ivanova', 'Jansen', 'Kowalski',
  'Laurent', 'Müller', 'Novak', "O'Brien", 'Papadopoulos', 'Rossi', 'Schmidt', 'Takács', 'Virtanen', 'Weber',
];
export const PLACES = [
  { city: 'Athens', country: 'Greece', state: 'Attica', postcode: '10552', phone: '+30 21' },
  { city: 'Thessaloniki', country: 'Greece', state: 'Central Macedonia', postcode: '54625', phone: '+30 231' },
  { city: 'Berlin', country: 'Germany', state: 'Berlin', postcode: '10115', phone: '+49 30' },
  { city: 'Munich', country: 'Germany', state: 'Bavaria', postcode: '80331', phone: '+49 89' },
  { city: 'Lyon', country: 'France', state: 'Auvergne-Rhône-Alpes', postcode: '69002', phone: '+33 4' },
  { city: 'Madrid', country: 'Spain', state: 'Community of Madrid', postcode: '28013', phone: '+34 91' },
  { city: 'Porto', country: 'Portugal', state: 'Porto', postcode: '4050-001', phone: '+351 22' },
  { city: 'Rotterdam', country: 'Netherlands', state: 'South Holland', postcode: '3011', phone: '+31 10' },
  { city: 'Manchester', country: 'United Kingdom', state: 'Greater Manchester', postcode: 'M1 1AE', phone: '+44 161' },
  { city: 'Austin', country: 'United States', state: 'Texas', postcode: '78701', phone: '+1 512' },
  { city: 'Toronto', country: 'Canada', state: 'Ontario', postcode: 'M5H 2N2', phone: '+1 416' },
];
export const STREETS = ['Market Street', 'Harbour Road', 'Station Avenue', 'Mill Lane', 'Park Row', 'Church Street'];
export const PRODUCTS = [
  { name: 'Microsoft 365 Business Basic', category: 'Productivity', cost: 500, billing: 'monthly', provisioning: 'automatic' },
  { name: 'Microsoft 365 Business Standard', category: 'Productivity', cost: 1030, billing: 'monthly', provisioning: 'automatic' },
  { name: 'Google Workspace Business', category: 'Productivity', cost: 1150, billing: 'monthly', provisioning: 'automatic' },
  { name: 'Acronis Cyber Backup 1 TB', category: 'Backup', cost: 1890, billing: 'monthly', provisioning: 'automatic' },
  { name: 'ESET Endpoint Security', category: 'Security', cost: 320, billing: 'monthly', provisioning: 'automatic' },
  { name: 'Managed Firewall', category: 'Security', cost: 4900, billing: 'monthly', provisioning: 'manual' },
  { name: 'Virtual Server 4 vCPU', category: 'Infrastructure', cost: 6400, billing: 'monthly', provisioning: 'manual' },
  { name: 'Domain Registration (.com)', category: 'Domains', cost: 1200, billing: 'one_time', provisioning: 'automatic' },
  { name: 'SSL Certificate OV', category: 'Security', cost: 8900, billing: 'one_time', provisioning: 'manual' },
  { name: 'Windows Server 2025 Standard', category: 'Licences', cost: 97200, billing: 'one_time', provisioning: 'manual' },
  { name: 'Migration Service (per mailbox)', category: 'Services', cost: 1500, billing: 'one_time', provisioning: 'manual' },
  { name: 'Dropbox Business', category: 'Storage', cost: 1500, billing: 'monthly', provisioning: 'automatic' },
] as const;
