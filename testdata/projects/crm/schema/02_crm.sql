CREATE TABLE crm.accounts (
  id      integer PRIMARY KEY,
  name    text NOT NULL UNIQUE,
  plan    text NOT NULL DEFAULT 'free' CHECK (plan IN ('free', 'pro')),
  region  text REFERENCES public.regions (code)
);
