create table greeting (text varchar(40) not null);
insert into greeting values ('migrated');
